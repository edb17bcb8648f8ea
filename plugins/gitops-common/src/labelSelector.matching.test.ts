import { matchesLabelSelector, parseLabelSelector } from './labelSelector';

const labels = {
  'app.kubernetes.io/part-of': 'payments-api',
  env: 'prod',
  tier: 'backend',
  replicas: '3',
  empty: '',
};

const matches = (selector: string, target: Record<string, string> = labels) =>
  matchesLabelSelector(parseLabelSelector(selector), target);

describe('matchesLabelSelector', () => {
  it('matches equality and set membership', () => {
    expect(matches('app.kubernetes.io/part-of=payments-api')).toBe(true);
    expect(matches('app.kubernetes.io/part-of==payments-api,env=prod')).toBe(
      true,
    );
    expect(matches('env=staging')).toBe(false);
    expect(matches('env in (staging, prod)')).toBe(true);
    expect(matches('env in (dev)')).toBe(false);
    expect(matches('env notin (dev, staging)')).toBe(true);
    expect(matches('env notin (prod)')).toBe(false);
  });

  it('lets a missing label satisfy != and notin, as Kubernetes does', () => {
    expect(matches('team!=orders')).toBe(true);
    expect(matches('team notin (orders)')).toBe(true);
    expect(matches('env!=prod')).toBe(false);
  });

  it('checks existence and absence', () => {
    expect(matches('tier')).toBe(true);
    expect(matches('!tier')).toBe(false);
    expect(matches('!team')).toBe(true);
    expect(matches('team')).toBe(false);
    expect(matches('empty=')).toBe(true);
    expect(matches('tier=')).toBe(false);
  });

  it('compares integers with > and <', () => {
    expect(matches('replicas>2')).toBe(true);
    expect(matches('replicas<3')).toBe(false);
    expect(matches('tier>1')).toBe(false);
  });

  it('requires every comma-separated requirement', () => {
    expect(matches('env=prod,tier=backend,!team')).toBe(true);
    expect(matches('env=prod,tier=frontend')).toBe(false);
  });

  it('matches everything with an empty selector, even unlabelled objects', () => {
    expect(matchesLabelSelector(parseLabelSelector(''), undefined)).toBe(true);
    expect(matchesLabelSelector(parseLabelSelector('env'), undefined)).toBe(
      false,
    );
  });
});
