import Chip from '@material-ui/core/Chip';
import Grid from '@material-ui/core/Grid';
import InputAdornment from '@material-ui/core/InputAdornment';
import TextField from '@material-ui/core/TextField';
import { makeStyles } from '@material-ui/core/styles';
import SearchIcon from '@material-ui/icons/Search';
import {
  KnowledgeKind,
  KnowledgeLevel,
  KnowledgeTopicsResponse,
} from '@gitops-guide/backstage-plugin-gitops-common';
import {
  KIND_PLURALS,
  KINDS,
  LEVEL_LABELS,
  LEVELS,
  topicLabel,
} from './labels';

const useStyles = makeStyles(theme => ({
  chips: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
    alignItems: 'center',
  },
}));

export interface LearningFilterValues {
  topic?: string;
  level?: KnowledgeLevel;
  kind?: KnowledgeKind;
}

/** Search box, level and kind chips, and a topic select. */
export const LearningFilters = (props: {
  text: string;
  onTextChange(text: string): void;
  filters: LearningFilterValues;
  onFiltersChange(changes: Partial<LearningFilterValues>): void;
  facets?: KnowledgeTopicsResponse;
}) => {
  const { text, onTextChange, filters, onFiltersChange, facets } = props;
  const classes = useStyles();
  const count = <T extends string>(
    list: { id: T; count: number }[] | undefined,
    id: T,
  ) => list?.find(f => f.id === id)?.count;

  return (
    <Grid container spacing={2} alignItems="center">
      <Grid item xs={12} md={8}>
        <TextField
          id="gitops-learning-search"
          fullWidth
          variant="outlined"
          label="Search the GitOps knowledge base"
          placeholder="e.g. self-heal, sealed secrets, field is immutable"
          value={text}
          onChange={e => onTextChange(e.target.value)}
          inputProps={{ 'data-testid': 'learning-search' }}
          InputProps={{
            startAdornment: (
              <InputAdornment position="start">
                <SearchIcon />
              </InputAdornment>
            ),
          }}
        />
      </Grid>
      <Grid item xs={12} md={4}>
        <TextField
          id="gitops-learning-topic"
          select
          fullWidth
          variant="outlined"
          label="Topic"
          value={filters.topic ?? ''}
          onChange={e =>
            onFiltersChange({ topic: e.target.value || undefined })
          }
          SelectProps={{ native: true }}
          // "Any topic" is an empty value: keep the label above it, not on it.
          InputLabelProps={{ shrink: true }}
          inputProps={{ 'data-testid': 'learning-topic' }}
        >
          <option value="">Any topic</option>
          {facets?.topics.map(t => (
            <option key={t.id} value={t.id}>
              {topicLabel(t.id)} ({t.count})
            </option>
          ))}
        </TextField>
      </Grid>
      <Grid item xs={12} className={classes.chips} aria-label="Level">
        <Chip
          label="All levels"
          color={filters.level ? 'default' : 'primary'}
          onClick={() => onFiltersChange({ level: undefined })}
        />
        {LEVELS.map(level => (
          <Chip
            key={level}
            label={withCount(LEVEL_LABELS[level], count(facets?.levels, level))}
            color={filters.level === level ? 'primary' : 'default'}
            onClick={() =>
              onFiltersChange({
                level: filters.level === level ? undefined : level,
              })
            }
          />
        ))}
        <span />
        <Chip
          label="All kinds"
          variant="outlined"
          color={filters.kind ? 'default' : 'primary'}
          onClick={() => onFiltersChange({ kind: undefined })}
        />
        {KINDS.map(kind => (
          <Chip
            key={kind}
            variant="outlined"
            label={withCount(KIND_PLURALS[kind], count(facets?.kinds, kind))}
            color={filters.kind === kind ? 'primary' : 'default'}
            onClick={() =>
              onFiltersChange({
                kind: filters.kind === kind ? undefined : kind,
              })
            }
          />
        ))}
      </Grid>
    </Grid>
  );
};

function withCount(label: string, count: number | undefined): string {
  return count === undefined ? label : `${label} (${count})`;
}
