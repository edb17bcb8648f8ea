import {
  failureOfSyncing,
  healthAfterDeploying,
  parseSimulation,
} from './simulation';

describe('parseSimulation', () => {
  it('accepts the documented fields and nothing else', () => {
    const simulation = {
      headRevision: 'abc',
      healthByRevision: {
        abc: 'Degraded',
        def: { status: 'Progressing', message: 'rolling' },
      },
      syncFailure: {
        message: 'boom',
        revisions: ['abc'],
        resources: [{ kind: 'Job' }],
      },
      syncWindowBlocks: true,
    };
    expect(parseSimulation(simulation)).toBe(simulation);
    expect(parseSimulation(undefined)).toBeUndefined();
    expect(() => parseSimulation({ headRevison: 'abc' })).toThrow(
      'simulation: unknown key headRevison (known: headRevision, healthByRevision, syncFailure, syncWindowBlocks)',
    );
    expect(() =>
      parseSimulation({ healthByRevision: { abc: 'Sick' } }),
    ).toThrow(
      'simulation: healthByRevision.abc must be one of Healthy, Progressing, Degraded, Suspended, Missing, Unknown or {status, message}',
    );
    expect(() => parseSimulation({ syncFailure: { revisions: [] } })).toThrow(
      'simulation: syncFailure needs a message string',
    );
    expect(() => parseSimulation({ syncWindowBlocks: 'yes' })).toThrow(
      'simulation: syncWindowBlocks must be a boolean',
    );
  });
});

describe('the simulation tables', () => {
  it('give a deployed revision its health, Healthy by default', () => {
    const simulation = {
      healthByRevision: {
        a: 'Degraded',
        b: { status: 'Progressing', message: 'x' },
      },
    };
    expect(healthAfterDeploying(simulation, ['a'])).toEqual({
      status: 'Degraded',
    });
    expect(healthAfterDeploying(simulation, ['c', 'b'])).toEqual({
      status: 'Progressing',
      message: 'x',
    });
    expect(healthAfterDeploying(undefined, ['a'])).toEqual({
      status: 'Healthy',
    });
  });

  it('fail the listed revisions, or every one without a list', () => {
    const failure = { message: 'boom', revisions: ['a'] };
    expect(failureOfSyncing({ syncFailure: failure }, ['a'])).toBe(failure);
    expect(failureOfSyncing({ syncFailure: failure }, ['b'])).toBeUndefined();
    expect(
      failureOfSyncing({ syncFailure: { message: 'always' } }, ['b']),
    ).toEqual({ message: 'always' });
  });
});
