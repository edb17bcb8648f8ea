import { quote } from 'shell-quote';

/** One shell word for a command shown to users: bare when harmless, quoted or escaped otherwise. */
export function shellArg(value: string): string {
  return quote([value]);
}

/** A `#` comment line; a line break in the text (a repository URL, say) would start a command. */
export function shellComment(text: string): string {
  return `# ${text.replace(/[\r\n\u2028\u2029]+/g, ' ')}`;
}

/** How the Argo CD CLI names an application: `ns/name` outside the `argocd` namespace. */
export function argocdAppRef(name: string, namespace: string): string {
  return shellArg(
    namespace && namespace !== 'argocd' ? `${namespace}/${name}` : name,
  );
}
