import { Ctx, FieldResolver, Resolver } from 'type-graphql';
import { ViewerType } from '../auth/viewer.resolver';
import { clock } from '../common/clock';
import { AppContext, viewerOf } from '../context';
import { computeDashboard, Dashboard } from './dashboard';

@Resolver(() => ViewerType)
export class ViewerDashboardResolver {
  @FieldResolver(() => Dashboard)
  dashboard(@Ctx() context: AppContext): Promise<Dashboard> {
    return computeDashboard(context.em, viewerOf(context), clock.now());
  }
}
