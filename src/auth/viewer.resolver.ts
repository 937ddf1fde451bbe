import { Authorized, Ctx, Field, FieldResolver, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { AppContext, viewerOf } from '../context';
import { Customer } from '../customers/customer.entity';
import { Shop } from '../shops/shop.entity';
import { Role } from './role';
import { Viewer } from './viewer';

@ObjectType('Viewer')
export class ViewerType {
  @Field(() => Role) role!: Role;
  @Field() displayName!: string;
  shopUuid?: string;
  customerUuid?: string;
}

@Resolver(() => ViewerType)
export class ViewerResolver {
  @Authorized()
  @Query(() => ViewerType)
  viewer(@Ctx() context: AppContext): Viewer {
    return viewerOf(context);
  }

  @FieldResolver(() => Shop, { nullable: true, description: 'Set for SELLER.' })
  shop(@Root() viewer: ViewerType, @Ctx() { loaders }: AppContext): Promise<Shop | null> | null {
    return viewer.shopUuid ? loaders.shop.load(viewer.shopUuid) : null;
  }

  @FieldResolver(() => Customer, { nullable: true, description: 'Set for CUSTOMER.' })
  customer(@Root() viewer: ViewerType, @Ctx() { loaders }: AppContext): Promise<Customer | null> | null {
    return viewer.customerUuid ? loaders.customer.load(viewer.customerUuid) : null;
  }
}
