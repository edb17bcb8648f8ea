import { oneAtATime } from './oneAtATime';

describe('oneAtATime', () => {
  it('starts each piece of work once the one before has settled, failed or not', async () => {
    const inTurn = oneAtATime();
    const log: string[] = [];
    let finishFirst: () => void = () => undefined;
    const first = inTurn(async () => {
      log.push('first started');
      await new Promise<void>(resolve => {
        finishFirst = resolve;
      });
      log.push('first done');
      throw new Error('first failed');
    });
    const second = inTurn(async () => {
      log.push('second started');
      return 2;
    });
    await new Promise(resolve => setImmediate(resolve));
    expect(log).toEqual(['first started']);

    finishFirst();
    await expect(first).rejects.toThrow('first failed');
    await expect(second).resolves.toBe(2);
    expect(log).toEqual(['first started', 'first done', 'second started']);
  });
});
