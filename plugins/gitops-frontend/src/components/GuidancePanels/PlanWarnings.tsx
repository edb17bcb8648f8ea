import Box from '@material-ui/core/Box';
import Alert from '@material-ui/lab/Alert';

/** The rollback plan's warnings, one alert each. */
export const PlanWarnings = (props: { warnings: string[] }) => {
  if (props.warnings.length === 0) {
    return null;
  }
  return (
    <Box display="flex" flexDirection="column" gridGap={8}>
      {props.warnings.map(warning => (
        <Alert key={warning} severity="warning">
          {warning}
        </Alert>
      ))}
    </Box>
  );
};
