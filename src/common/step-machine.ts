import { EntityManager } from '@mikro-orm/postgresql';
import { Role } from '../auth/role';
import { Config } from '../config';
import { actorOf, ActorRef, idempotencyScope, SYSTEM_ACTOR, Viewer } from '../auth/viewer';
import { apiError, ErrorResult, InvalidStateError, NotFoundError, ValidationError, VersionConflictError } from './errors';
import { EventDraft } from './events/event-log';
import { EventType } from './events/event-type';
import { localIdOf, NodeTypeName } from './global-id';
import { runIdempotent } from './idempotency';
import { createLoaders, Loaders } from './loaders';
import { Tx } from './transaction';

/**
 * The step machine every stateful entity runs on (orders, incidents, returns, ratings). A status
 * file declares the states and allowed moves; a machine file declares each step as one object
 * literal (who, from where, guards, input checks, what it does, its event). `runStep` is the only
 * way a step runs: it alone checks roles, idempotency, version, from-state and guards, then bumps
 * the version and records the event. Modeled on Vendure's FSM, without a library or classes.
 */

/** States, the moves allowed between them, where entities start, and which states end. */
export interface StatusGraph<S extends string> {
  name: string;
  moves: Record<S, readonly S[]>;
  initial: readonly S[];
}

/** What guards and steps may read besides the entity: who acts, the transaction's clock, batched reads. */
export interface StepEnv {
  viewer: Viewer | null;
  now: Date;
  loaders: Loaders;
  config: Config;
}

/**
 * Why the step may not run now, or nothing. `input` is the request's when a step runs, and
 * undefined when `availableActions` asks whether any request could succeed.
 */
export type Guard<E> = (entity: E, env: StepEnv, input?: any) => ErrorResult | undefined | Promise<ErrorResult | undefined>;

/** What a step did: its event (the machine's default type when omitted) and the event's fields. */
export interface Effect {
  event?: EventType;
  data?: Record<string, unknown>;
  /** Who the event names, when not the caller (an automatic acceptance is the system's). */
  actor?: ActorRef;
  /** Event fields the machine's default does not set (an incident's id on INCIDENT_OPENED). */
  fields?: Partial<EventDraft>;
  /** What the mutation answers when not the entity (a creation step on an order answers what it made). */
  result?: { uuid: string };
  /**
   * The step made another entity and left this one as it was (a return requested on an order): no
   * version bump, and the event is `fields` alone, about what was made.
   */
  entityUnchanged?: true;
}

/** An event draft without what the runner adds (who acted, when). */
export type EventFields = Omit<EventDraft, 'actor' | 'occurredAt'>;

export interface StepTx extends Tx {
  env: StepEnv;
}

/** A transaction seen as a step's: for changes that are not steps themselves but run hooks that take steps (a message). */
export function asStepTx(tx: Tx, viewer: Viewer | null, config: Config): StepTx {
  return { ...tx, env: { viewer, now: tx.now, loaders: createLoaders(tx.em), config } };
}

export interface Step<E, S extends string = string, I = any> {
  /** Who may take it; empty for steps only the system takes (timers, hooks). */
  roles: readonly Role[];
  /** The public action `availableActions` offers; steps without one are never offered. */
  action?: string;
  /** The states it starts from (for orders: the line states it works on; one such line suffices). */
  from: readonly S[];
  /** The states it may lead to; empty when it leaves the state alone. */
  to: readonly S[];
  /** A timed step: the sweeper runs it as SYSTEM once this column's time has come. */
  due?: { column: string; ready?: Record<string, unknown> };
  guards?: readonly Guard<E>[];
  /** Shape checks on the input, before anything is loaded. */
  check?(input: I): ValidationError | undefined;
  apply?(entity: E, input: I, tx: StepTx): Effect | ErrorResult | Promise<Effect | ErrorResult>;
  /** What follows the step's event in the same transaction, as events of its own (a note in the order's thread). */
  after?(entity: E, input: I, tx: StepTx): Promise<void>;
}

export interface Machine<E extends { uuid: string }, S extends string> {
  /** The GraphQL type, which global ids name. */
  type: NodeTypeName;
  /**
   * 'one': the entity has one state, and every from-state of a moving step must be able to move to
   * one of its targets. 'many' (an order's lines): a step works on the lines in its from-states,
   * and some of them may stay where they are (a canceled line is refunded without moving).
   */
  states: 'one' | 'many';
  /** How errors name what has the state: "order", "rating's removal". */
  noun: string;
  /** Prefixes step names in idempotency records ("INCIDENT_" gives INCIDENT_RESOLVE); orders use none. */
  operationPrefix: string;
  graph: StatusGraph<S>;
  /** Open for modules built on this one to add their steps at install (opening an incident on an order). */
  steps: Record<string, Step<E, S>>;
  /** The entity's current states (several for an order: its lines'). */
  statesOf(entity: E): readonly S[];
  /** The state errors report (an order's derived state, not its lines'). */
  stateName(entity: E): string;
  /** Loads and locks the entity, scoped to what the viewer may see; null when not found or (skipLocked) held. */
  lock(em: EntityManager, uuid: string, viewer: Viewer | null, skipLocked: boolean): Promise<E | null>;
  version?(entity: E): number;
  /**
   * Moves a single-state entity to a step's one target, with what the state implies (timestamps),
   * before the step's own `apply`; steps that only move need no `apply`. Orders move lines in `apply`.
   */
  enter?(entity: E, to: S, tx: StepTx): void | Promise<void>;
  /** After a step: bump the version, derive what derives (an order's timers), and return the event draft the step's effect completes. */
  settle(tx: StepTx, entity: E, change: { step: string; fromState: string; effect: Effect }): EventFields | Promise<EventFields>;
}

/** Every machine, registered when its module loads, so the sweeper finds timed steps without importing domains. */
export const machines: Machine<any, any>[] = [];

export function defineMachine<E extends { uuid: string }, S extends string>(machine: Machine<E, S>): Machine<E, S> {
  validateMachine(machine);
  machines.push(machine);
  return machine;
}

/** Checked when the module loads (and again after install adds steps): a wrong table never serves a request. */
export function validateMachine({ graph, steps, states: kind }: Pick<Machine<any, string>, 'graph' | 'steps' | 'states'>): void {
  const states = Object.keys(graph.moves);
  const fail = (why: string) => {
    throw new Error(`${graph.name} machine: ${why}`);
  };
  for (const [state, targets] of Object.entries(graph.moves)) {
    for (const target of targets) if (!states.includes(target)) fail(`${state} -> ${target} leads to an unknown state`);
  }
  const seen = new Set<string>(graph.initial);
  const queue = [...graph.initial];
  while (queue.length > 0) for (const next of graph.moves[queue.shift()!]) if (!seen.has(next)) queue.push(next), seen.add(next);
  for (const state of states) if (!seen.has(state)) fail(`${state} cannot be reached from ${graph.initial.join(', ')}`);
  for (const [name, step] of Object.entries(steps)) {
    for (const to of step.to) {
      if (!step.from.some((from) => graph.moves[from]?.includes(to))) fail(`step ${name} leads to ${to}, which none of its from-states may move to`);
    }
    for (const from of step.from) {
      if (!states.includes(from)) fail(`step ${name} starts from the unknown state ${from}`);
      else if (kind === 'one' && step.to.length > 0 && !step.to.some((to) => graph.moves[from].includes(to))) {
        fail(`step ${name} starts from ${from}, which may move to none of ${step.to.join(', ')}`);
      }
    }
    if (step.action && !step.roles.length) fail(`step ${name} is offered as ${step.action} but no role may take it`);
  }
}

/** States with no exit. */
export function terminalStates<S extends string>(graph: StatusGraph<S>): S[] {
  return (Object.keys(graph.moves) as S[]).filter((state) => graph.moves[state].length === 0);
}

/** Why `step` may not run on `entity` now: wrong state first, then the guards in order. */
export async function refusalOf<E extends { uuid: string }>(machine: Machine<E, string>, step: Step<E>, entity: E, env: StepEnv, input?: unknown): Promise<ErrorResult | undefined> {
  const states = machine.statesOf(entity);
  if (!states.some((state) => step.from.includes(state))) {
    const current = machine.stateName(entity);
    return new InvalidStateError(current, `This action is not possible while the ${machine.noun} is ${current}`);
  }
  if (step.due && !isDue(entity, step.due.column, env.now)) return new InvalidStateError(machine.stateName(entity), 'The deadline is no longer due');
  for (const guard of step.guards ?? []) {
    const reason = await guard(entity, env, input);
    if (reason) return reason;
  }
  return undefined;
}

function isDue(entity: object, column: string, now: Date): boolean {
  const at = (entity as Record<string, unknown>)[column];
  return at instanceof Date && at <= now;
}

export function mayTake(step: Step<any>, viewer: Viewer | null): boolean {
  return viewer === null || step.roles.includes(viewer.role);
}

/**
 * The roles a mutation's `@Authorized` takes from its step. An empty list means "the system only"
 * here but "any key" to `@Authorized`, so a system step can never be exposed by mistake.
 */
export function rolesOf(step: Step<any>): readonly Role[] {
  if (step.roles.length === 0) throw new Error('A step only the system takes cannot be a mutation');
  return step.roles;
}

/** The actions `viewer` may take on `entity` now: the same checks `runStep` makes, so nothing offered is refused. */
export async function availableActions<E extends { uuid: string }>(machine: Machine<E, string>, entity: E, env: StepEnv): Promise<string[]> {
  const offered: string[] = [];
  for (const step of Object.values(machine.steps)) {
    if (!step.action || !env.viewer || !mayTake(step, env.viewer)) continue;
    if (!(await refusalOf(machine, step, entity, env))) offered.push(step.action);
  }
  return offered;
}

/**
 * Takes a step on an entity the transaction already holds: the runner's core, also how a hook of
 * another module moves an entity inside its own change (a refund closing an incident).
 */
export async function takeStep<E extends { uuid: string }>(tx: Tx, machine: Machine<E, string>, name: string, entity: E, input: unknown, env: StepEnv): Promise<E | { uuid: string } | ErrorResult> {
  const step = stepOf(machine, name);
  if (!mayTake(step, env.viewer)) throw apiError('FORBIDDEN', `This action is not available to the ${env.viewer!.role} role`);
  const refusal = await refusalOf(machine, step, entity, env, input);
  if (refusal) return refusal;
  const before = machine.statesOf(entity);
  const fromState = machine.stateName(entity);
  const stepTx: StepTx = { ...tx, env };
  const entered = step.to.length === 1 && machine.enter;
  if (!step.apply && !entered) throw new Error(`${machine.type} step ${name} is only offered, never run`);
  if (entered) await machine.enter!(entity, step.to[0], stepTx);
  const effect = step.apply ? await step.apply(entity, input, stepTx) : {};
  if (effect instanceof ErrorResult) return effect;
  checkMoves(machine, name, step, before, machine.statesOf(entity));
  if (effect.entityUnchanged) tx.record({ ...effect.fields, type: effect.event!, data: effect.data, actor: effect.actor });
  else {
    const draft = await machine.settle(stepTx, entity, { step: name, fromState, effect });
    tx.record({ ...draft, ...effect.fields, type: effect.event ?? draft.type, actor: effect.actor });
  }
  await step.after?.(entity, input, stepTx);
  return effect.result ?? entity;
}

/** A single-state entity's move must be one of the step's and in the table; line moves are checked per line. */
function checkMoves(machine: Machine<any, string>, name: string, step: Step<any>, before: readonly string[], after: readonly string[]): void {
  if (before.length !== 1 || after.length !== 1 || before[0] === after[0]) return;
  if (!step.to.includes(after[0]) || !machine.graph.moves[before[0]].includes(after[0])) {
    throw new Error(`${machine.type} step ${name} moved ${before[0]} -> ${after[0]}, which it does not declare`);
  }
}

function stepOf<E extends { uuid: string }>(machine: Machine<E, string>, name: string): Step<E> {
  const step = machine.steps[name];
  if (!step) throw new Error(`${machine.type} has no step ${name}`);
  return step;
}

export interface StepRequest {
  /** null when the system acts (timers). */
  viewer: Viewer | null;
  config: StepEnv['config'];
  /** The mutation's input: its id field (e.g. `orderId`), expectedVersion and idempotencyKey are read from it. */
  input?: Record<string, any>;
  /** The entity as the server found it (timers, lookups by tracking number); otherwise read from the input. */
  uuid?: string | null;
  /** Where the id sits in the arguments, for its ValidationError (default ['input', '<type>Id']). */
  idPath?: (string | number)[];
  /** For timers: skip an entity another instance holds instead of waiting for it. */
  skipLocked?: boolean;
}

/**
 * The one way a stateful entity changes: idempotency replay -> input checks -> load and lock
 * (scoped to the viewer) -> version -> state and guards -> apply -> version bump and event -> commit.
 * A business error changes nothing (its outcome is still kept for replays).
 */
export async function runStep<E extends { uuid: string }>(em: EntityManager, machine: Machine<E, string>, name: string, request: StepRequest): Promise<E | ErrorResult> {
  const { viewer, input = {} } = request;
  const step = stepOf(machine, name);
  if (viewer && !mayTake(step, viewer)) throw apiError('FORBIDDEN', `This action is not available to the ${viewer.role} role`);
  const actor = viewer ? actorOf(viewer) : SYSTEM_ACTOR;
  const idempotency = { scope: viewer ? idempotencyScope(viewer) : 'system', key: input.idempotencyKey, operation: `${machine.operationPrefix}${name}`, input };
  return runIdempotent(em, actor, idempotency, async (tx) => {
    const idField = `${machine.type[0].toLowerCase()}${machine.type.slice(1)}Id`;
    const uuid = request.uuid !== undefined ? request.uuid : localIdOf(machine.type, input[idField]);
    if (request.uuid === undefined && !uuid) return new ValidationError(request.idPath ?? ['input', idField], `is not ${article(machine.type)} id`);
    const invalid = step.check?.(input);
    if (invalid) return invalid;
    const entity = uuid ? await machine.lock(tx.em, uuid, viewer, request.skipLocked ?? false) : null;
    if (!entity) return new NotFoundError(`${machine.type} not found`);
    const expected = input.expectedVersion;
    if (expected != null && machine.version && expected !== machine.version(entity)) return new VersionConflictError(machine.version(entity));
    const env: StepEnv = { viewer, now: tx.now, loaders: createLoaders(tx.em), config: request.config };
    return (await takeStep(tx, machine, name, entity, input, env)) as E | ErrorResult;
  });
}

function article(type: string): string {
  return /^[AEIOU]/.test(type) ? `an ${type.toLowerCase()}` : `a ${type.toLowerCase()}`;
}
