import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import { useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  gitopsKnowledgeProblemsReadPermission,
  KnowledgeProblem,
} from '@gitops-guide/backstage-plugin-gitops-common';
import useAsync from 'react-use/esm/useAsync';
import { gitOpsApiRef } from '../../api';

/** The problems as an admin reads them: the files, each field and reason. */
const ProblemList = (props: { problems: KnowledgeProblem[] }) => {
  const { problems } = props;
  const files = new Set(problems.map(p => p.file)).size;
  return (
    <Box mb={3}>
      <Alert
        severity="warning"
        role="region"
        aria-label="Knowledge content problems"
        data-testid="knowledge-problems"
      >
        <AlertTitle>
          {files} content {files === 1 ? 'file was' : 'files were'} skipped or
          partly loaded
        </AlertTitle>
        <Typography variant="body2">
          The rest of the knowledge base is served. Fix these files and restart
          the backend:
        </Typography>
        <Box component="ul" m={0} mt={1} pl={2}>
          {problems.map((problem, index) => (
            <Typography
              component="li"
              variant="body2"
              key={`${problem.file}:${problem.field ?? ''}:${index}`}
            >
              <code>{problem.file}</code>
              {problem.field && (
                <>
                  : <code>{problem.field}</code>
                </>
              )}
              : {problem.reason}
            </Typography>
          ))}
        </Box>
      </Alert>
    </Box>
  );
};

/** Loads the problems; an error (such as a policy that differs in the backend) shows nothing. */
const LoadedProblems = () => {
  const api = useApi(gitOpsApiRef);
  const { value } = useAsync(() => api.getKnowledgeProblems(), [api]);
  return value?.problems.length ? (
    <ProblemList problems={value.problems} />
  ) : null;
};

/**
 * What the backend skipped or ignored in the organization's knowledge
 * content, for users allowed `gitops.knowledge.problems.read`, only when
 * there is something to fix. Others see nothing and the list is not asked
 * for.
 */
export const KnowledgeProblemsPanel = () => {
  const { allowed } = usePermission({
    permission: gitopsKnowledgeProblemsReadPermission,
  });
  return allowed ? <LoadedProblems /> : null;
};
