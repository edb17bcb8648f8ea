import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import FormControl from '@material-ui/core/FormControl';
import InputLabel from '@material-ui/core/InputLabel';
import MenuItem from '@material-ui/core/MenuItem';
import OutlinedInput from '@material-ui/core/OutlinedInput';
import Select from '@material-ui/core/Select';
import { makeStyles } from '@material-ui/core/styles';
import {
  ATTENTION_LEVELS,
  type AttentionLevel,
  type FleetFilters,
  type FleetGrouping,
} from '@gitops-guide/backstage-plugin-gitops-common';
import { ATTENTION_LABELS } from './attentionLabels';

const useStyles = makeStyles(theme => ({
  select: {
    minWidth: 190,
    marginRight: theme.spacing(2),
    marginBottom: theme.spacing(1),
  },
  chip: {
    marginRight: theme.spacing(1),
    marginBottom: theme.spacing(1),
  },
}));

/** The values the filters offer, from the rows themselves. */
export interface FleetFilterOptions {
  instances: string[];
  owners: string[];
  environments: string[];
}

/** An outlined select with its label always above the field. */
const LabeledSelect = (props: {
  id: string;
  label: string;
  value: string;
  choices: Array<{ value: string; label: string }>;
  onChange: (value: string) => void;
}) => {
  const classes = useStyles();
  return (
    <FormControl className={classes.select} size="small" variant="outlined">
      <InputLabel id={`${props.id}-label`} shrink>
        {props.label}
      </InputLabel>
      <Select
        labelId={`${props.id}-label`}
        id={props.id}
        input={<OutlinedInput notched label={props.label} />}
        displayEmpty
        value={props.value}
        onChange={event => props.onChange(String(event.target.value))}
      >
        {props.choices.map(choice => (
          <MenuItem key={choice.value} value={choice.value}>
            {choice.label}
          </MenuItem>
        ))}
      </Select>
    </FormControl>
  );
};

const ALL = '';

/** A filter: "All" (undefined) or one of the values the rows have. */
const FilterSelect = (props: {
  id: string;
  label: string;
  value: string | undefined;
  values: string[];
  onChange: (value: string | undefined) => void;
}) => (
  <LabeledSelect
    id={props.id}
    label={props.label}
    value={props.value ?? ALL}
    choices={[
      { value: ALL, label: 'All' },
      ...props.values.map(value => ({ value, label: value })),
    ]}
    onChange={value => props.onChange(value === ALL ? undefined : value)}
  />
);

const GROUPINGS: Array<{ value: FleetGrouping; label: string }> = [
  { value: 'none', label: 'Nothing' },
  { value: 'applicationSet', label: 'ApplicationSet' },
  { value: 'parent', label: 'App of apps' },
];

/** Counts per state (each a toggle filter), the instance, owner and environment filters, and the grouping. */
export const FleetToolbar = (props: {
  counts: Record<AttentionLevel, number>;
  filters: FleetFilters;
  options: FleetFilterOptions;
  grouping: FleetGrouping;
  onFiltersChange: (filters: FleetFilters) => void;
  onGroupingChange: (grouping: FleetGrouping) => void;
}) => {
  const { counts, filters, options, onFiltersChange } = props;
  const classes = useStyles();
  return (
    <Box mb={2}>
      <Box display="flex" flexWrap="wrap" aria-label="Applications per state">
        {ATTENTION_LEVELS.filter(level => counts[level] > 0).map(level => {
          const selected = filters.attention === level;
          return (
            <Chip
              key={level}
              className={classes.chip}
              label={`${ATTENTION_LABELS[level]}: ${counts[level]}`}
              color={selected ? 'primary' : 'default'}
              variant={selected ? 'default' : 'outlined'}
              aria-pressed={selected}
              clickable
              onClick={() =>
                onFiltersChange({
                  ...filters,
                  attention: selected ? undefined : level,
                })
              }
              data-testid={`fleet-count-${level}`}
            />
          );
        })}
      </Box>
      <Box display="flex" flexWrap="wrap" mt={1}>
        <FilterSelect
          id="fleet-instance"
          label="Instance or cluster"
          value={filters.instance}
          values={options.instances}
          onChange={instance => onFiltersChange({ ...filters, instance })}
        />
        <FilterSelect
          id="fleet-owner"
          label="Owner"
          value={filters.owner}
          values={options.owners}
          onChange={owner => onFiltersChange({ ...filters, owner })}
        />
        <FilterSelect
          id="fleet-environment"
          label="Environment"
          value={filters.environment}
          values={options.environments}
          onChange={environment => onFiltersChange({ ...filters, environment })}
        />
        <LabeledSelect
          id="fleet-grouping"
          label="Group by"
          value={props.grouping}
          choices={GROUPINGS}
          onChange={value => props.onGroupingChange(value as FleetGrouping)}
        />
      </Box>
    </Box>
  );
};
