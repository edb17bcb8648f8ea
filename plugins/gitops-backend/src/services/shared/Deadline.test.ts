import {
  beforeDeadline,
  callSignal,
  startDeadline,
  waitedFor,
} from './Deadline';

describe('Deadline', () => {
  it('aborts calls when the request deadline passes before their own timeout', async () => {
    const deadline = startDeadline(30);
    const signal = callSignal(deadline, 10_000);
    await new Promise(resolve => signal.addEventListener('abort', resolve));
    expect(deadline.signal.aborted).toBe(true);
    expect(waitedFor(deadline, 10_000)).toBe(
      "before the request's 30 ms deadline",
    );
  });

  it('names the call timeout when that came first', async () => {
    const deadline = startDeadline(10_000);
    const signal = callSignal(deadline, 20);
    await new Promise(resolve => signal.addEventListener('abort', resolve));
    expect(waitedFor(deadline, 20)).toBe('within 20 ms');
  });

  it('stops waiting for shared work at the deadline without cancelling it', async () => {
    let finished = false;
    const work = new Promise<string>(resolve =>
      setTimeout(() => {
        finished = true;
        resolve('done');
      }, 100),
    );
    await expect(
      beforeDeadline(work, startDeadline(20), () => new Error('late')),
    ).rejects.toThrow('late');
    expect(await work).toBe('done');
    expect(finished).toBe(true);
    await expect(
      beforeDeadline(
        Promise.resolve(1),
        startDeadline(1000),
        () => new Error(),
      ),
    ).resolves.toBe(1);
  });
});
