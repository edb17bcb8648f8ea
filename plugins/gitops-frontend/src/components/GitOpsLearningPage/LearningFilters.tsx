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
import { FilterChips } from './FilterChips';
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
  // The theme's secondary text on the page background falls just short of
  // WCAG AA contrast (4.47:1) for a field label.
  label: {
    color: theme.palette.text.primary,
  },
}));

export interface LearningFilterValues {
  topic?: string;
  level?: KnowledgeLevel;
  kind?: KnowledgeKind;
}

const LearningSearchField = (props: {
  text: string;
  onTextChange(text: string): void;
}) => {
  const classes = useStyles();
  return (
    <TextField
      id="gitops-learning-search"
      fullWidth
      variant="outlined"
      label="Search the GitOps knowledge base"
      placeholder="e.g. self-heal, sealed secrets, field is immutable"
      value={props.text}
      onChange={e => props.onTextChange(e.target.value)}
      inputProps={{ 'data-testid': 'learning-search' }}
      InputLabelProps={{ className: classes.label }}
      InputProps={{
        startAdornment: (
          <InputAdornment position="start">
            <SearchIcon />
          </InputAdornment>
        ),
      }}
    />
  );
};

const TopicSelect = (props: {
  topic?: string;
  onTopicChange(topic: string | undefined): void;
  topics?: KnowledgeTopicsResponse['topics'];
}) => {
  const classes = useStyles();
  return (
    <TextField
      id="gitops-learning-topic"
      select
      fullWidth
      variant="outlined"
      label="Topic"
      value={props.topic ?? ''}
      onChange={e => props.onTopicChange(e.target.value || undefined)}
      SelectProps={{ native: true }}
      // "Any topic" is an empty value: keep the label above it, not on it.
      InputLabelProps={{ shrink: true, className: classes.label }}
      inputProps={{ 'data-testid': 'learning-topic' }}
    >
      <option value="">Any topic</option>
      {props.topics?.map(t => (
        <option key={t.id} value={t.id}>
          {topicLabel(t.id)} ({t.count})
        </option>
      ))}
    </TextField>
  );
};

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

  return (
    <Grid container spacing={2} alignItems="center">
      <Grid item xs={12} md={8}>
        <LearningSearchField text={text} onTextChange={onTextChange} />
      </Grid>
      <Grid item xs={12} md={4}>
        <TopicSelect
          topic={filters.topic}
          onTopicChange={topic => onFiltersChange({ topic })}
          topics={facets?.topics}
        />
      </Grid>
      <Grid item xs={12} className={classes.chips} aria-label="Level">
        <FilterChips
          allLabel="All levels"
          values={LEVELS}
          labels={LEVEL_LABELS}
          counts={facets?.levels}
          selected={filters.level}
          onSelect={level => onFiltersChange({ level })}
        />
        <span />
        <FilterChips
          allLabel="All kinds"
          variant="outlined"
          values={KINDS}
          labels={KIND_PLURALS}
          counts={facets?.kinds}
          selected={filters.kind}
          onSelect={kind => onFiltersChange({ kind })}
        />
      </Grid>
    </Grid>
  );
};
