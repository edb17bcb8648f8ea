import ListItemText, {
  ListItemTextProps,
} from '@material-ui/core/ListItemText';
import { makeStyles } from '@material-ui/core/styles';

const useStyles = makeStyles({
  // The Backstage theme cuts dense list text to one line with an ellipsis;
  // entry titles are long and must be read in full.
  dense: {
    whiteSpace: 'normal',
    overflow: 'visible',
    textOverflow: 'clip',
  },
});

/** The text of a dense list item, wrapping instead of cut off. */
export const WrappingListItemText = (props: ListItemTextProps) => {
  const classes = useStyles();
  return (
    <ListItemText
      {...props}
      classes={{ ...props.classes, dense: classes.dense }}
    />
  );
};
