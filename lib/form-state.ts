/** What a Server Action answers a form with: a sentence, field messages, and the input to put back. */
export type FormState = {
  ok?: boolean;
  message?: string;
  fieldErrors?: Record<string, string[]>;
  values?: Record<string, string | string[]>;
  /** What is stored now, when the form was stale (a newer draft, a moved item). */
  conflict?: Record<string, string | number | null>;
  /** Changes on every answer, so the form re-mounts with the values above. */
  at?: number;
};

