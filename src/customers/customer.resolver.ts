import { Arg, Authorized, Ctx, Field, InputType, Mutation, Resolver } from 'type-graphql';
import { Role } from '../auth/role';
import { clock } from '../common/clock';
import { apiError } from '../common/errors';
import { Locale } from '../common/locale';
import { checkText, firstProblem } from '../common/validation';
import { AppContext } from '../context';
import { Customer } from './customer.entity';

@InputType()
export class CreateCustomerInput {
  @Field() displayName!: string;
  @Field() email!: string;
  @Field(() => Locale, { nullable: true, defaultValue: Locale.PL, description: 'Language of the notifications the customer gets.' })
  locale!: Locale;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

@Resolver(() => Customer)
export class CustomerResolver {
  @Authorized([Role.OPERATOR])
  @Mutation(() => Customer)
  async createCustomer(@Arg('input') input: CreateCustomerInput, @Ctx() { em }: AppContext): Promise<Customer> {
    const problem = firstProblem(
      () => checkText(['input', 'displayName'], input.displayName, 200),
      () => checkText(['input', 'email'], input.email, 320),
    );
    if (problem) throw apiError('BAD_USER_INPUT', `${problem.field.join('.')} ${problem.message}`, { field: problem.field });
    if (!EMAIL.test(input.email.trim())) {
      throw apiError('BAD_USER_INPUT', 'input.email is not an e-mail address', { field: ['input', 'email'] });
    }
    const customer = em.create(Customer, {
      displayName: input.displayName.trim(),
      email: input.email.trim(),
      locale: input.locale,
      createdAt: clock.now(),
    });
    await em.flush();
    return customer;
  }
}
