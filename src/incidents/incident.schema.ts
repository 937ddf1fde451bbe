import { createUnionType, Field, ID, InputType, Int } from 'type-graphql';
import { AlreadyExistsError, InvalidStateError, NotFoundError, ValidationError, VersionConflictError } from '../common/errors';
import { Incident } from './incident.entity';
import { IncidentReason, IncidentResolution, IncidentStatus } from './incident.status';

@InputType()
export class OpenIncidentInput {
  @Field(() => ID) orderId!: string;

  @Field(() => [ID], { nullable: true, description: 'Omitted = every line that can carry an incident.' })
  lineIds?: string[] | null;

  @Field(() => IncidentReason) reason!: IncidentReason;

  @Field({ description: "Posted as the first message of the order's thread." })
  message!: string;

  @Field(() => String, { nullable: true }) idempotencyKey?: string | null;
}

@InputType()
export class IncidentActionInput {
  @Field(() => ID) incidentId!: string;

  @Field(() => String, { nullable: true, description: "Optional note posted to the order's thread." })
  message?: string | null;

  @Field(() => IncidentResolution, { nullable: true, description: "markIncidentResolved (and an operator's closeIncident): how it was settled." })
  resolution?: IncidentResolution | null;

  @Field(() => Int, { nullable: true }) expectedVersion?: number | null;
  @Field(() => String, { nullable: true }) idempotencyKey?: string | null;
}

@InputType()
export class IncidentFilter {
  @Field(() => [IncidentStatus], { nullable: true }) statuses?: IncidentStatus[] | null;
  @Field(() => Boolean, { nullable: true }) overdue?: boolean | null;
  @Field(() => ID, { nullable: true }) orderId?: string | null;
}

export const IncidentResult = createUnionType({
  name: 'IncidentResult',
  types: () => [Incident, NotFoundError, InvalidStateError, VersionConflictError, ValidationError, AlreadyExistsError] as const,
});
