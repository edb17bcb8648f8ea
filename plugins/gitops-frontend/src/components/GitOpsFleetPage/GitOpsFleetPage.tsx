import {
  Content,
  ContentHeader,
  Header,
  Page,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import IconButton from '@material-ui/core/IconButton';
import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import RefreshIcon from '@material-ui/icons/Refresh';
import Alert from '@material-ui/lab/Alert';
import {
  filterFleet,
  fleetCounts,
  type FleetApplication,
  type FleetFilters,
  type FleetGrouping,
} from '@gitops-guide/backstage-plugin-gitops-common';
import { useCallback, useMemo, useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { gitOpsApiRef } from '../../api';
import { SourceErrorList } from '../shared';
import { FleetTable } from './FleetTable';
import { FleetToolbar, type FleetFilterOptions } from './FleetToolbar';

const useStyles = makeStyles(theme => ({
  fleet: {
    padding: theme.spacing(2),
  },
  heading: {
    marginTop: theme.spacing(3),
  },
}));

function sortedValues(values: Iterable<string | undefined>): string[] {
  return [...new Set(values)]
    .filter((value): value is string => !!value)
    .sort((a, b) => a.localeCompare(b));
}

function filterOptions(rows: FleetApplication[]): FleetFilterOptions {
  return {
    instances: sortedValues(rows.map(row => row.application.instance)),
    owners: sortedValues(
      rows.flatMap(row => row.claimedBy.map(claimant => claimant.owner)),
    ),
    environments: sortedValues(rows.map(row => row.application.environment)),
  };
}

/**
 * The fleet view for platform teams: every application across Argo CD
 * instances and clusters that the viewer may see, with the entity and
 * owner that claim it, counts per state, filters, and grouping by
 * ApplicationSet or app of apps; most urgent first. Applications that no
 * entity claims are listed apart, for holders of `gitops.fleet.read`.
 */
export const GitOpsFleetPage = () => {
  const api = useApi(gitOpsApiRef);
  const classes = useStyles();
  const [refresh, setRefresh] = useState(false);
  const state = useAsyncRetry(() => api.getFleet({ refresh }), [api, refresh]);
  const [filters, setFilters] = useState<FleetFilters>({});
  const [grouping, setGrouping] = useState<FleetGrouping>('none');
  const reload = useCallback(() => {
    if (refresh) state.retry();
    else setRefresh(true);
  }, [refresh, state]);

  const fleet = state.value;
  const everything = useMemo(
    () => [...(fleet?.applications ?? []), ...(fleet?.unclaimed ?? [])],
    [fleet],
  );
  const claimed = filterFleet(fleet?.applications ?? [], filters);
  const unclaimed = filterFleet(fleet?.unclaimed ?? [], filters);

  return (
    <Page themeId="tool">
      <Header
        title="GitOps fleet"
        subtitle="Every Argo CD and Flux application you may see, with the catalog entity that claims it"
      />
      <Content>
        <ContentHeader title="Applications">
          <IconButton
            aria-label="Refresh the fleet"
            title="Refresh"
            onClick={reload}
            disabled={state.loading}
          >
            <RefreshIcon />
          </IconButton>
        </ContentHeader>
        {state.loading && !fleet && <Progress />}
        {state.error && <ResponseErrorPanel error={state.error} />}
        {fleet && (
          <Paper data-testid="gitops-fleet" className={classes.fleet}>
            <SourceErrorList errors={fleet.errors} />
            <FleetToolbar
              counts={fleetCounts(everything)}
              filters={filters}
              options={filterOptions(everything)}
              grouping={grouping}
              onFiltersChange={setFilters}
              onGroupingChange={setGrouping}
            />
            {claimed.length > 0 ? (
              <FleetTable
                rows={claimed}
                grouping={grouping}
                label="Applications claimed by catalog entities"
              />
            ) : (
              <Typography color="textSecondary">
                No application matches
                {everything.length > 0 ? ' these filters' : ' yet'}.
              </Typography>
            )}
            <Typography variant="h6" component="h2" className={classes.heading}>
              Not claimed by any catalog entity
            </Typography>
            {fleet.unclaimedHidden ? (
              <Alert severity="info">
                Applications that no catalog entity claims are shown to holders
                of the gitops.fleet.read permission.
              </Alert>
            ) : (
              <>
                <Typography variant="body2" color="textSecondary" paragraph>
                  The catalog's blind spots: no entity's GitOps annotations
                  select these applications.
                </Typography>
                {unclaimed.length > 0 ? (
                  <FleetTable
                    rows={unclaimed}
                    grouping={grouping}
                    label="Applications no catalog entity claims"
                  />
                ) : (
                  <Typography color="textSecondary">None.</Typography>
                )}
              </>
            )}
          </Paper>
        )}
      </Content>
    </Page>
  );
};
