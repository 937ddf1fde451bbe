import { Role } from '../src/auth/role';
import { machines, rolesOf, StatusGraph, Step, terminalStates, validateMachine } from '../src/common/step-machine';
import { wireModules } from '../src/wiring';

/** A toy lamp: OFF -> ON -> BROKEN, and OFF <- ON. */
type Lamp = 'OFF' | 'ON' | 'BROKEN';
const lamp: StatusGraph<Lamp> = { name: 'Lamp', moves: { OFF: ['ON'], ON: ['OFF', 'BROKEN'], BROKEN: [] }, initial: ['OFF'] };
const turnOn: Step<object, Lamp> = { roles: [Role.CUSTOMER], action: 'TURN_ON', from: ['OFF'], to: ['ON'] };
const smash: Step<object, Lamp> = { roles: [], from: ['ON'], to: ['BROKEN'] };

describe('validateMachine, on a toy machine', () => {
  it('accepts a table whose every state is reachable and a step that moves along it', () => {
    expect(() => validateMachine({ graph: lamp, states: 'one', steps: { TURN_ON: turnOn, SMASH: smash } })).not.toThrow();
    expect(terminalStates(lamp)).toEqual(['BROKEN']);
  });

  it.each<[string, StatusGraph<string>, Record<string, Step<object, string>>, string]>([
    ['a move to an unknown state', { ...lamp, moves: { ...lamp.moves, BROKEN: ['FIXED'] } }, {}, 'Lamp machine: BROKEN -> FIXED leads to an unknown state'],
    ['an unreachable state', { ...lamp, moves: { OFF: [], ON: ['BROKEN'], BROKEN: [] } }, {}, 'Lamp machine: ON cannot be reached from OFF'],
    ['a step to a state none of its from-states may move to', lamp, { FIX: { roles: [], from: ['BROKEN'], to: ['OFF'] } }, 'Lamp machine: step FIX leads to OFF, which none of its from-states may move to'],
    ['a step from an unknown state', lamp, { KICK: { roles: [], from: ['LIT'], to: [] } }, 'Lamp machine: step KICK starts from the unknown state LIT'],
    ['an offered step no role may take', lamp, { TURN_ON: { ...turnOn, roles: [] } }, 'Lamp machine: step TURN_ON is offered as TURN_ON but no role may take it'],
    // The API would offer it on a BROKEN lamp, and the move would then fail.
    ['a from-state that may not move to the step\'s target', lamp, { SMASH: { ...smash, from: ['ON', 'BROKEN'] } }, 'Lamp machine: step SMASH starts from BROKEN, which may move to none of BROKEN'],
  ])('refuses %s when the module loads', (_, graph, steps, message) => {
    expect(() => validateMachine({ graph, states: 'one', steps })).toThrow(message);
  });

  it('lets a step of a many-state entity start from states it leaves alone (a canceled line refunded without moving)', () => {
    expect(() => validateMachine({ graph: lamp, states: 'many', steps: { SMASH: { ...smash, from: ['ON', 'BROKEN'] } } })).not.toThrow();
  });

  it('refuses to expose a system step as a mutation (an empty role list means "any key" to @Authorized)', () => {
    expect(() => rolesOf(smash)).toThrow('A step only the system takes cannot be a mutation');
    expect(rolesOf(turnOn)).toEqual([Role.CUSTOMER]);
  });
});

describe('the machines as built (after every module installed its steps)', () => {
  beforeAll(() => wireModules());
  const byType = (type: string) => machines.find((machine) => machine.type === type)!;

  it('has exactly the four stateful entities, each valid with its installed steps', () => {
    expect(machines.map((machine) => machine.type).sort()).toEqual(['Incident', 'Order', 'Rating', 'Return']);
    for (const machine of machines) expect(() => validateMachine(machine)).not.toThrow();
  });

  it.each([
    ['Order', ['CANCELED', 'REFUNDED', 'REFUSED']],
    ['Incident', ['CLOSED']],
    ['Return', ['CANCELED', 'REFUNDED', 'REJECTED']],
    ['Rating', ['KEPT', 'REMOVED']],
  ])('gives %s exactly the terminal states %j', (type, terminal) => {
    expect(terminalStates(byType(type).graph).sort()).toEqual(terminal);
  });

  it('lets opening an incident, requesting a return and rating run as steps on the order', () => {
    const steps = byType('Order').steps;
    expect(['OPEN_INCIDENT', 'REQUEST_RETURN', 'RATE'].map((name) => steps[name]?.action)).toEqual(['OPEN_INCIDENT', 'REQUEST_RETURN', 'RATE']);
  });

  it('lets no line go back to WAITING_ACCEPTANCE, and no accepted line be refused', () => {
    const moves = byType('Order').graph.moves as Record<string, readonly string[]>;
    for (const [from, targets] of Object.entries(moves)) {
      expect([from, targets.includes('WAITING_ACCEPTANCE')]).toEqual([from, false]);
      if (from !== 'WAITING_ACCEPTANCE') expect([from, targets.includes('REFUSED')]).toEqual([from, false]);
    }
  });

  it('names a due-time column for every timed step, and lets only the system take it', () => {
    const timed = machines.flatMap((machine) =>
      Object.entries(machine.steps)
        .filter(([, step]) => step.due)
        .map(([name, step]) => `${machine.type}.${name}@${step.due!.column}:${step.roles.length}`),
    );
    expect(timed.sort()).toEqual([
      'Incident.AUTO_CLOSE@autoCloseAt:0',
      'Order.ACCEPTANCE_TIMEOUT@acceptanceDeadline:0',
      'Order.CLOSE@closeAt:0',
      'Order.DELIVERY_FALLBACK@deliveryFallbackAt:0',
      'Order.PAYMENT_TIMEOUT@paymentDeadline:0',
    ]);
  });
});
