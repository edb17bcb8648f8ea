/** The name patterns of k8s.io/apimachinery's validation, shared by the validators and the selector parser. */

const DNS1123_LABEL = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';

/** A DNS-1123 label: a namespace. */
export const DNS1123_LABEL_RE = new RegExp(`^${DNS1123_LABEL}$`);

/** A DNS-1123 subdomain: an object name or a label key prefix. */
export const DNS1123_SUBDOMAIN_RE = new RegExp(
  `^${DNS1123_LABEL}(\\.${DNS1123_LABEL})*$`,
);

/** The name part of a label key, and a non-empty label value. */
export const QUALIFIED_NAME_RE = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
