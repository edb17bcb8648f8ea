import { Link } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import {
  commitUrl,
  shortRevision,
} from '@gitops-guide/backstage-plugin-gitops-common';

/** A short revision, linked to its commit page when the repository URL allows it. */
export const RevisionLink = (props: {
  revision: string | undefined;
  repoURL?: string;
  chart?: string;
}) => {
  const { revision, repoURL, chart } = props;
  if (!revision) {
    return <span>—</span>;
  }
  const label = shortRevision(revision);
  const href = commitUrl(repoURL, revision, { chart });
  const text = (
    <Typography
      component="code"
      variant="body2"
      style={{ fontFamily: 'monospace' }}
    >
      {label}
    </Typography>
  );
  return href ? (
    <Link to={href} title={revision}>
      {text}
    </Link>
  ) : (
    <span title={revision}>{text}</span>
  );
};
