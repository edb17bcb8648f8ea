import { parseWatchLine } from './watchEvents';

describe('parseWatchLine', () => {
  it('reads an event of the application stream', () => {
    const line = JSON.stringify({
      result: {
        type: 'MODIFIED',
        application: {
          metadata: { name: 'payments-api-prod', resourceVersion: '42' },
          status: { health: { status: 'Degraded' } },
        },
      },
    });
    expect(parseWatchLine(line)).toEqual({
      event: {
        type: 'MODIFIED',
        application: {
          metadata: { name: 'payments-api-prod', resourceVersion: '42' },
          status: { health: { status: 'Degraded' } },
        },
      },
    });
  });

  it("reads grpc-gateway's stream error as a status and Argo CD's error body", () => {
    const line = JSON.stringify({
      error: {
        grpc_code: 16,
        http_code: 401,
        message: 'invalid session: token has invalid claims',
        http_status: 'Unauthorized',
      },
    });
    expect(parseWatchLine(line)).toEqual({
      error: {
        status: 401,
        statusText: 'Unauthorized',
        text: JSON.stringify({
          message: 'invalid session: token has invalid claims',
          code: 16,
        }),
      },
    });
  });

  it('ignores event types Argo CD does not send for applications', () => {
    const line = JSON.stringify({
      result: { type: 'BOOKMARK', application: { metadata: { name: 'x' } } },
    });
    expect(parseWatchLine(line)).toEqual({ ignored: 'BOOKMARK' });
  });

  it.each([
    ['not JSON', '{"result":'],
    [
      'an event without a name',
      '{"result":{"type":"ADDED","application":{"metadata":{}}}}',
    ],
    ['another document', '{"items":[]}'],
  ])('calls %s malformed', (_what, line) => {
    expect(parseWatchLine(line)).toEqual({ malformed: true });
  });
});
