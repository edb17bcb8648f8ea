import { parseActionRequest } from './actionBodies';

describe('parseActionRequest', () => {
  it('fills in the defaults: no prune, no dry run', () => {
    expect(parseActionRequest('rollback', { id: 44 })).toEqual({
      action: 'rollback',
      id: 44,
      prune: false,
      dryRun: false,
    });
    expect(parseActionRequest('sync', undefined)).toEqual({
      action: 'sync',
      prune: false,
      dryRun: false,
    });
    expect(parseActionRequest('refresh', {})).toEqual({
      action: 'refresh',
      hard: false,
    });
    expect(parseActionRequest('resume', {})).toEqual({ action: 'resume' });
  });

  it('names every bad key, and refuses keys it does not know', () => {
    expect(() =>
      parseActionRequest('rollback', { id: -1, dryrun: true }),
    ).toThrow(
      "Invalid body key id: must not be negative; Invalid body key: Unrecognized key(s) in object: 'dryrun'",
    );
    expect(() => parseActionRequest('rollback', {})).toThrow(
      'Invalid body key id: is required: the history id to roll back to',
    );
    expect(() => parseActionRequest('sync', { prune: 'yes' })).toThrow(
      'Invalid body key prune: must be true or false',
    );
    expect(() =>
      parseActionRequest('sync', { revision: 'main; rm -rf /' }),
    ).toThrow('must be a revision, branch or tag without spaces');
  });

  it('answers an unknown action as a missing route', () => {
    expect(() => parseActionRequest('delete', {})).toThrow(
      expect.objectContaining({ name: 'NotFoundError' }),
    );
  });
});
