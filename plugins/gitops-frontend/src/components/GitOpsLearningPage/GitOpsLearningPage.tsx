import { Content, Header, Page } from '@backstage/core-components';
import { Route, Routes } from 'react-router-dom';
import { EntryView } from './EntryView';
import { LearningOverview } from './LearningOverview';
import { EntryQuizView, SkillCheckView } from './QuizView';

/**
 * The GitOps learning page: search, learning paths by level, entries with
 * their quizzes, and the skill check. Mounted at `/gitops`, with deep links
 * `/gitops/entries/<id>`, `/gitops/quiz/<id>` and `/gitops/skill-check`.
 */
export const GitOpsLearningPage = () => (
  <Page themeId="tool">
    <Header
      title="Learn GitOps"
      subtitle="Argo CD and Flux, explained: questions, runbooks, glossary and quizzes"
    />
    <Content>
      <Routes>
        <Route path="/" element={<LearningOverview />} />
        <Route path="/entries/:id" element={<EntryView />} />
        <Route path="/quiz/:id" element={<EntryQuizView />} />
        <Route path="/skill-check" element={<SkillCheckView />} />
      </Routes>
    </Content>
  </Page>
);
