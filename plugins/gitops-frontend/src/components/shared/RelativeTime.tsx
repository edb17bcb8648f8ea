import Tooltip from '@material-ui/core/Tooltip';
import { DateTime } from 'luxon';

/** A timestamp as "5 minutes ago", with the exact time on hover; a dash when absent or unparseable. */
export const RelativeTime = (props: { value: string | undefined }) => {
  const time = props.value ? DateTime.fromISO(props.value) : undefined;
  if (!time?.isValid) {
    return <span>—</span>;
  }
  return (
    <Tooltip title={time.toLocaleString(DateTime.DATETIME_FULL_WITH_SECONDS)}>
      <time dateTime={time.toISO() ?? props.value}>{time.toRelative()}</time>
    </Tooltip>
  );
};
