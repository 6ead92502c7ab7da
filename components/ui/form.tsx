"use client";

import { createContext, useActionState, useContext, type ReactNode } from "react";
import { useFormStatus } from "react-dom";
import type { FormState } from "@/lib/form-state";
import { Button, type ButtonVariant } from "./button";
import { Alert } from "./card";
import { useFlash } from "./flash";

type Action = (state: FormState, form: FormData) => Promise<FormState>;

const FormContext = createContext<FormState>({});
export const useFormState = () => useContext(FormContext);

/**
 * A form bound to a Server Action. After an answer it re-mounts with what the user typed,
 * shows the message at the top and each field's message beside the field.
 */
export function ActionForm({
  action,
  children,
  className = "space-y-3",
  label,
}: {
  action: Action;
  children: ReactNode;
  className?: string;
  label?: string;
}) {
  const flash = useFlash();
  // Flash from the answer itself: after a change the page refreshes and this form may be gone.
  const [state, dispatch] = useActionState(async (prev: FormState, form: FormData) => {
    const next = await action(prev, form);
    if (next.ok && next.message) flash(next.message);
    return next;
  }, {});
  return (
    <FormContext.Provider value={state}>
      <form key={state.at ?? 0} action={dispatch} className={className} aria-label={label} noValidate>
        {state.message && !state.ok && <Alert>{state.message}</Alert>}
        {state.conflict?.body != null && (
          <div className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm">
            <p className="mb-1 font-medium text-amber-900">
              当前最新内容（第{String(state.conflict.version)}稿，{String(state.conflict.updatedBy ?? "")} {String(state.conflict.updatedAt ?? "")}）：
            </p>
            <div data-testid="conflict-body" className="max-h-60 overflow-y-auto whitespace-pre-wrap font-serif text-stone-800">
              {String(state.conflict.body)}
            </div>
          </div>
        )}
        {children}
      </form>
    </FormContext.Provider>
  );
}

export function SubmitButton({ children, variant = "primary", name, value }: { children: ReactNode; variant?: ButtonVariant; name?: string; value?: string }) {
  const { pending } = useFormStatus();
  return (
    <Button type="submit" variant={variant} disabled={pending} name={name} value={value} aria-busy={pending}>
      {pending ? "正在提交…" : children}
    </Button>
  );
}

/** The value to show: what the user just typed if the form came back, else the stored one. */
function useValue(name: string, initial?: string | string[]) {
  const state = useFormState();
  const back = state.ok ? undefined : state.values?.[name];
  return back ?? initial;
}

function FieldShell({ name, label, hint, required, children }: { name: string; label: ReactNode; hint?: ReactNode; required?: boolean; children: ReactNode }) {
  const errors = useFormState().fieldErrors?.[name];
  return (
    <div className="space-y-1">
      <label htmlFor={`f-${name}`} className="block text-sm font-medium text-stone-800">
        {label}
        {required && <span className="ml-0.5 text-brand-600" aria-hidden>*</span>}
      </label>
      {children}
      {hint && !errors && <p className="text-xs text-stone-500">{hint}</p>}
      {errors && (
        <p id={`e-${name}`} className="text-sm text-red-700" data-field-error={name}>
          {errors[0]}
        </p>
      )}
    </div>
  );
}

const inputClass =
  "block w-full rounded-md border border-stone-300 bg-white px-3 py-2 text-base sm:text-sm shadow-sm focus:border-brand-600 focus:outline-none aria-[invalid=true]:border-red-500";

type FieldProps = { name: string; label: ReactNode; hint?: ReactNode; required?: boolean; defaultValue?: string };

export function TextField({ type = "text", maxLength, autoComplete, ...p }: FieldProps & { type?: string; maxLength?: number; autoComplete?: string }) {
  const value = useValue(p.name, p.defaultValue);
  const invalid = !!useFormState().fieldErrors?.[p.name];
  return (
    <FieldShell {...p}>
      <input
        id={`f-${p.name}`}
        name={p.name}
        type={type}
        defaultValue={typeof value === "string" ? value : undefined}
        aria-invalid={invalid}
        aria-describedby={invalid ? `e-${p.name}` : undefined}
        maxLength={maxLength}
        autoComplete={autoComplete}
        className={inputClass}
      />
    </FieldShell>
  );
}

export function TextArea({ rows = 6, serif, ...p }: FieldProps & { rows?: number; serif?: boolean }) {
  const value = useValue(p.name, p.defaultValue);
  const invalid = !!useFormState().fieldErrors?.[p.name];
  return (
    <FieldShell {...p}>
      <textarea
        id={`f-${p.name}`}
        name={p.name}
        rows={rows}
        defaultValue={typeof value === "string" ? value : undefined}
        aria-invalid={invalid}
        aria-describedby={invalid ? `e-${p.name}` : undefined}
        className={`${inputClass} ${serif ? "font-serif text-base leading-7" : ""}`}
      />
    </FieldShell>
  );
}

export function Select({ options, placeholder, ...p }: FieldProps & { options: { value: string; label: string }[]; placeholder?: string }) {
  const value = useValue(p.name, p.defaultValue);
  const invalid = !!useFormState().fieldErrors?.[p.name];
  return (
    <FieldShell {...p}>
      <select
        id={`f-${p.name}`}
        name={p.name}
        defaultValue={typeof value === "string" ? value : ""}
        aria-invalid={invalid}
        aria-describedby={invalid ? `e-${p.name}` : undefined}
        className={inputClass}
      >
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

/** Radio buttons with large targets (deputies answer on phones). */
export function Choice({ options, ...p }: FieldProps & { options: { value: string; label: string }[] }) {
  const value = useValue(p.name, p.defaultValue);
  const errors = useFormState().fieldErrors?.[p.name];
  return (
    <fieldset className="space-y-1">
      <legend className="text-sm font-medium text-stone-800">
        {p.label}
        {p.required && <span className="ml-0.5 text-brand-600" aria-hidden>*</span>}
      </legend>
      <div className="flex flex-wrap gap-2">
        {options.map((o) => (
          <label key={o.value} className="flex min-h-11 cursor-pointer items-center gap-2 rounded-md border border-stone-300 bg-white px-3 has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50">
            <input type="radio" name={p.name} value={o.value} defaultChecked={value === o.value} className="h-4 w-4 accent-brand-600" />
            <span className="text-sm">{o.label}</span>
          </label>
        ))}
      </div>
      {errors && <p className="text-sm text-red-700" data-field-error={p.name}>{errors[0]}</p>}
    </fieldset>
  );
}

export function CheckboxGroup({ options, ...p }: Omit<FieldProps, "defaultValue"> & { options: { value: string; label: string }[]; defaultValue?: string[] }) {
  const value = useValue(p.name, p.defaultValue);
  const chosen = Array.isArray(value) ? value : value ? [value] : [];
  const errors = useFormState().fieldErrors?.[p.name];
  return (
    <fieldset className="space-y-1">
      <legend className="text-sm font-medium text-stone-800">{p.label}</legend>
      <div className="flex max-h-56 flex-wrap gap-2 overflow-y-auto">
        {options.map((o) => (
          <label key={o.value} className="flex min-h-10 cursor-pointer items-center gap-2 rounded-md border border-stone-300 bg-white px-2.5 text-sm has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50">
            <input type="checkbox" name={p.name} value={o.value} defaultChecked={chosen.includes(o.value)} className="h-4 w-4 accent-brand-600" />
            {o.label}
          </label>
        ))}
      </div>
      {p.hint && !errors && <p className="text-xs text-stone-500">{p.hint}</p>}
      {errors && <p className="text-sm text-red-700" data-field-error={p.name}>{errors[0]}</p>}
    </fieldset>
  );
}

export function Checkbox({ name, label, defaultChecked }: { name: string; label: ReactNode; defaultChecked?: boolean }) {
  const state = useFormState();
  const back = state.ok ? undefined : state.values;
  const checked = back ? back[name] === "on" : defaultChecked;
  return (
    <label className="flex min-h-10 items-center gap-2 text-sm">
      <input type="checkbox" name={name} defaultChecked={checked} className="h-4 w-4 accent-brand-600" />
      {label}
    </label>
  );
}

export function Hidden({ name, value }: { name: string; value: string | number }) {
  return <input type="hidden" name={name} value={value} />;
}
