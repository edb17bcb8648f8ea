import Chip from '@material-ui/core/Chip';
import { makeStyles } from '@material-ui/core/styles';
import { KnowledgeEntrySummary } from '@gitops-guide/backstage-plugin-gitops-common';
import { KIND_LABELS, LEVEL_LABELS, topicLabel } from './labels';

const useStyles = makeStyles(theme => ({
  chips: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(0.5),
    marginTop: theme.spacing(0.5),
  },
}));

/** Kind, level and (optionally) topics of an entry, as small chips. */
export const EntryChips = (props: {
  entry: Pick<KnowledgeEntrySummary, 'kind' | 'level' | 'topics'>;
  showTopics?: boolean;
  extra?: string;
}) => {
  const { entry, showTopics, extra } = props;
  const classes = useStyles();
  return (
    <span className={classes.chips}>
      <Chip size="small" color="primary" label={KIND_LABELS[entry.kind]} />
      <Chip size="small" variant="outlined" label={LEVEL_LABELS[entry.level]} />
      {showTopics &&
        entry.topics.map(topic => (
          <Chip
            key={topic}
            size="small"
            variant="outlined"
            label={topicLabel(topic)}
          />
        ))}
      {extra && <Chip size="small" label={extra} />}
    </span>
  );
};
