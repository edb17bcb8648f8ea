import { InFlight } from './InFlight';

describe('InFlight', () => {
  it('runs identical concurrent work once and forgets it when done', async () => {
    const inFlight = new InFlight();
    let runs = 0;
    const work = async () => {
      runs += 1;
      const run = runs;
      await new Promise(resolve => setTimeout(resolve, 10));
      return run;
    };
    const results = await Promise.all([
      inFlight.run('k', work),
      inFlight.run('k', work),
      inFlight.run('other', work),
    ]);
    expect(results).toEqual([1, 1, 2]);
    expect(inFlight.size).toBe(0);
    await expect(inFlight.run('k', work)).resolves.toBe(3);
  });

  it('shares a failure and lets the next caller try again', async () => {
    const inFlight = new InFlight();
    const failing = () => Promise.reject(new Error('down'));
    await expect(
      Promise.all([inFlight.run('k', failing), inFlight.run('k', failing)]),
    ).rejects.toThrow('down');
    await expect(inFlight.run('k', async () => 'up')).resolves.toBe('up');
  });
});
