import { Arg, Authorized, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { Role } from '../auth/role';
import { clock } from '../common/clock';
import { apiError } from '../common/errors';
import { AppContext } from '../context';
import { Shop } from '../shops/shop.entity';
import { computeShopQuality, DEFAULT_WINDOW_DAYS, MAX_WINDOW_DAYS, MIN_WINDOW_DAYS, ShopQuality } from './shop-quality';

/** Shop.quality, added from here (shops know nothing of quality). */
@Resolver(() => Shop)
export class ShopQualityResolver {
  /**
   * The seller's indicators are for the seller and the operator; customers see ratings, not these
   * (FORBIDDEN). A seller only reaches its own Shop today; the check below keeps it so.
   */
  @Authorized([Role.SELLER, Role.OPERATOR])
  @FieldResolver(() => ShopQuality, { description: 'Quality indicators over a rolling window (default 90 days), as the marketplace measures sellers.' })
  quality(
    @Root() shop: Shop,
    @Ctx() { em, viewer }: AppContext,
    @Arg('windowDays', () => Int, { defaultValue: DEFAULT_WINDOW_DAYS, nullable: true }) windowDaysArg: number | null,
  ): Promise<ShopQuality> {
    if (viewer?.role === Role.SELLER && viewer.shopUuid !== shop.uuid) throw apiError('FORBIDDEN', "Only the shop's own sellers see its quality");
    const windowDays = windowDaysArg ?? DEFAULT_WINDOW_DAYS;
    if (!Number.isInteger(windowDays) || windowDays < MIN_WINDOW_DAYS || windowDays > MAX_WINDOW_DAYS) {
      throw apiError('BAD_REQUEST', `windowDays must be between ${MIN_WINDOW_DAYS} and ${MAX_WINDOW_DAYS}`);
    }
    return computeShopQuality(em, shop.uuid, windowDays, clock.now());
  }
}
