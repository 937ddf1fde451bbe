import { Arg, Authorized, Ctx, Field, ID, InputType, Mutation, ObjectType, Resolver } from 'type-graphql';
import { clock } from '../common/clock';
import { apiError } from '../common/errors';
import { localIdOf } from '../common/global-id';
import { checkText } from '../common/validation';
import { AppContext } from '../context';
import { Customer } from '../customers/customer.entity';
import { Shop } from '../shops/shop.entity';
import { ApiKey } from './api-key.entity';
import { API_KEY_REVOKED_CHANNEL, createApiKey } from './api-key.service';
import { Role } from './role';

@InputType()
export class IssueApiKeyInput {
  @Field() name!: string;
  @Field(() => Role) role!: Role;
  @Field(() => ID, { nullable: true, description: 'Required for SELLER.' }) shopId?: string | null;
  @Field(() => ID, { nullable: true, description: 'Required for CUSTOMER.' }) customerId?: string | null;
}

@ObjectType()
export class IssuedApiKey {
  @Field(() => ApiKey) apiKey!: ApiKey;

  @Field({
    description: 'Shown once. Sent as `Authorization: Bearer <secret>` over HTTP, or as connectionParams.authorization over WebSocket.',
  })
  secret!: string;
}

function badInput(field: string, message: string): Error {
  return apiError('BAD_USER_INPUT', `input.${field} ${message}`, { field: ['input', field] });
}

@Resolver(() => ApiKey)
export class ApiKeyResolver {
  @Authorized([Role.OPERATOR])
  @Mutation(() => IssuedApiKey)
  async issueApiKey(@Arg('input') input: IssueApiKeyInput, @Ctx() { em }: AppContext): Promise<IssuedApiKey> {
    const nameProblem = checkText(['input', 'name'], input.name, 200);
    if (nameProblem) throw badInput('name', nameProblem.message);
    let shop: Shop | undefined;
    let customer: Customer | undefined;
    if (input.role === Role.SELLER) {
      const uuid = input.shopId ? localIdOf('Shop', input.shopId) : undefined;
      shop = (uuid && (await em.findOne(Shop, { uuid }))) || undefined;
      if (!shop) throw badInput('shopId', 'must name an existing shop for a SELLER key');
    } else if (input.shopId) {
      throw badInput('shopId', 'is only for SELLER keys');
    }
    if (input.role === Role.CUSTOMER) {
      const uuid = input.customerId ? localIdOf('Customer', input.customerId) : undefined;
      customer = (uuid && (await em.findOne(Customer, { uuid }))) || undefined;
      if (!customer) throw badInput('customerId', 'must name an existing customer for a CUSTOMER key');
    } else if (input.customerId) {
      throw badInput('customerId', 'is only for CUSTOMER keys');
    }
    const issued = createApiKey(em, { name: input.name.trim(), role: input.role, shop, customer });
    await em.flush();
    return issued;
  }

  /** Takes effect at once: every instance's key cache drops the key, and its open sockets are closed. */
  @Authorized([Role.OPERATOR])
  @Mutation(() => ApiKey, { nullable: true })
  async revokeApiKey(@Arg('id', () => ID) id: string, @Ctx() { em, apiKeys }: AppContext): Promise<ApiKey | null> {
    const uuid = localIdOf('ApiKey', id);
    const revoked = await em.transactional(async (tx) => {
      const key = uuid ? await tx.findOne(ApiKey, { uuid }) : null;
      if (!key) return null;
      key.revokedAt ??= clock.now();
      await tx.flush();
      // Delivered on commit to every instance, which closes the key's open sockets.
      await tx.getConnection().execute('select pg_notify(?, ?)', [API_KEY_REVOKED_CHANNEL, key.uuid], 'all', tx.getTransactionContext());
      return key;
    });
    // The NOTIFY reaches this instance's cache a moment later; the caller's next request must not beat it.
    if (revoked) apiKeys.forget(revoked.uuid);
    return revoked;
  }
}
