import { Arg, Authorized, Ctx, Field, ID, InputType, Int, Mutation, ObjectType, Query, Resolver, createUnionType } from 'type-graphql';
import { Role } from '../auth/role';
import { clock } from '../common/clock';
import { apiError, NotFoundError, ValidationError } from '../common/errors';
import { localIdOf } from '../common/global-id';
import { encodeCursor, PageInfo, pageInfo, pageRequest, slicePage } from '../common/pagination';
import { checkText } from '../common/validation';
import { AppContext, viewerOf } from '../context';
import { MIN_RETURN_POLICY_DAYS, Shop } from './shop.entity';

@InputType()
export class CreateShopInput {
  @Field() name!: string;
  @Field(() => Int, { nullable: true, defaultValue: MIN_RETURN_POLICY_DAYS }) returnPolicyDays!: number;
  @Field({ nullable: true, defaultValue: false }) autoAccept!: boolean;
  @Field({ nullable: true, defaultValue: true }) partialAcceptance!: boolean;
}

@InputType()
export class UpdateShopSettingsInput {
  @Field(() => ID) shopId!: string;
  @Field(() => Int, { nullable: true }) returnPolicyDays?: number | null;
  @Field(() => Boolean, { nullable: true }) autoAccept?: boolean | null;
  @Field(() => Boolean, { nullable: true }) partialAcceptance?: boolean | null;
}

export const ShopResult = createUnionType({
  name: 'ShopResult',
  types: () => [Shop, NotFoundError, ValidationError] as const,
});

@ObjectType()
export class ShopEdge {
  @Field() cursor!: string;
  @Field(() => Shop) node!: Shop;
}

@ObjectType()
export class ShopConnection {
  @Field(() => [ShopEdge]) edges!: ShopEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  /** Counted only when the client selects it (a getter on the returned object). */
  @Field(() => Int) totalCount!: number | Promise<number>;
}

const MAX_RETURN_POLICY_DAYS = 365;

function returnPolicyProblem(days: number | null | undefined, path: string[]): ValidationError | undefined {
  if (days === null || days === undefined) return undefined;
  if (!Number.isInteger(days) || days < MIN_RETURN_POLICY_DAYS || days > MAX_RETURN_POLICY_DAYS) {
    return new ValidationError(path, `must be from ${MIN_RETURN_POLICY_DAYS} to ${MAX_RETURN_POLICY_DAYS} days`);
  }
  return undefined;
}

@Resolver(() => Shop)
export class ShopResolver {
  @Authorized([Role.OPERATOR])
  @Mutation(() => Shop)
  async createShop(@Arg('input') input: CreateShopInput, @Ctx() { em }: AppContext): Promise<Shop> {
    const problem = checkText(['input', 'name'], input.name, 200) ?? returnPolicyProblem(input.returnPolicyDays, ['input', 'returnPolicyDays']);
    if (problem) throw apiError('BAD_USER_INPUT', `${problem.field.join('.')} ${problem.message}`, { field: problem.field });
    const shop = em.create(Shop, { ...input, name: input.name.trim(), createdAt: clock.now() });
    await em.flush();
    return shop;
  }

  @Authorized([Role.OPERATOR, Role.SELLER])
  @Mutation(() => ShopResult)
  async updateShopSettings(@Arg('input') input: UpdateShopSettingsInput, @Ctx() context: AppContext): Promise<typeof ShopResult> {
    const viewer = viewerOf(context);
    const uuid = localIdOf('Shop', input.shopId);
    const mayEdit = viewer.role === Role.OPERATOR || viewer.shopUuid === uuid;
    const shop = uuid && mayEdit ? await context.em.findOne(Shop, { uuid }) : null;
    if (!shop) return new NotFoundError('Shop not found');
    const problem = returnPolicyProblem(input.returnPolicyDays, ['input', 'returnPolicyDays']);
    if (problem) return problem;
    if (input.returnPolicyDays != null) shop.returnPolicyDays = input.returnPolicyDays;
    if (input.autoAccept != null) shop.autoAccept = input.autoAccept;
    if (input.partialAcceptance != null) shop.partialAcceptance = input.partialAcceptance;
    await context.em.flush();
    return shop;
  }

  /** Operators see every shop; a seller its own; a customer every shop (shops are public storefronts). */
  @Authorized()
  @Query(() => ShopConnection)
  async shops(
    @Ctx() context: AppContext,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<ShopConnection> {
    const viewer = viewerOf(context);
    const request = pageRequest({ first, after }, 'shops', ['instant', 'uuid']);
    const where: Record<string, unknown> = viewer.role === Role.SELLER ? { uuid: viewer.shopUuid } : {};
    const [createdAt, uuid] = (request.cursor ?? []) as [string, string];
    const keyset = request.cursor
      ? { $or: [{ createdAt: { $gt: new Date(createdAt) } }, { createdAt: new Date(createdAt), uuid: { $gt: uuid } }] }
      : {};
    const rows = await context.em.find(Shop, { ...where, ...keyset }, { orderBy: { createdAt: 'asc', uuid: 'asc' }, limit: request.size + 1 });
    const { nodes, hasMore } = slicePage(rows, request);
    const cursorOf = (shop: Shop) => encodeCursor('shops', [shop.createdAt.toISOString(), shop.uuid]);
    return {
      edges: nodes.map((node) => ({ cursor: cursorOf(node), node })),
      pageInfo: pageInfo(nodes, hasMore, request, cursorOf),
      get totalCount() {
        return context.em.count(Shop, where);
      },
    };
  }
}
