export { appModule } from './appModule';
