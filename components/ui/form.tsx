"use client";

import { createContext, useActionState, useContext, useState, type ReactNode } from "react";
import { useFormStatus } from "react-dom";
import { useRouter } from "next/navigation";
import type { FormState } from "@/lib/form-state";
import { Button, type ButtonVariant } from "./button";
import { Alert } from "./card";
import { useFlash } from "./flash";

type Action = (state: FormState, form: FormData) => Promise<FormState>;

const FormContext = createContext<FormState>({});
export const useFormState = () => useContext(FormContext);

/**
 * What a form puts before its fields' ids: a page with several forms of the same fields (one per
 * commitment, say) gives each its own, so every label still names its own field.
 */
const IdPrefixContext = createContext("");
const useIds = (name: string) => {
  const prefix = useContext(IdPrefixContext);
  return { field: `${prefix}f-${name}`, error: `${prefix}e-${name}` };
};

/**
 * A form bound to a Server Action. After an answer it re-mounts with what the user typed,
 * shows the message at the top and each field's message beside the field.
 */
export function ActionForm({
  action,
  children,
  className = "space-y-3",
  label,
  idPrefix = "",
}: {
  action: Action;
  children: ReactNode;
  className?: string;
  label?: string;
  /** Needed when the page shows the same form more than once (field ids must be unique). */
  idPrefix?: string;
}) {
  const flash = useFlash();
  // Flash from the answer itself: after a change the page refreshes and this form may be gone.
  const [state, dispatch] = useActionState(async (prev: FormState, form: FormData) => {
    const next = await action(prev, form);
    if (next.ok && next.message) flash(next.message);
    return next;
  }, {});
  // "采用最新稿": the editor takes the newer text, and the next save is on top of that version.
  // It holds until the server's next answer (`basedOn` is the answer it was taken from).
  const [taken, setTaken] = useState<{ version: number; values: FormState["values"]; at: number; basedOn: number | undefined } | null>(null);
  const live = taken && taken.basedOn === state.at ? taken : null;
  const shown: FormState & { refused?: boolean } = live ? { values: live.values, at: live.at } : { ...state, refused: !!state.message && !state.ok && !state.fieldErrors && state.values?.body == null && typedIn(state.values) };
  // Their whole text: the body and the fields saved with it (contact, category), not only the body.
  const take = (c: NonNullable<FormState["conflict"]>) => {
    const theirs = Object.fromEntries(
      (["body", "contactPerson", "contactPhone", "category"] as const).filter((k) => c[k] != null).map((k) => [k, String(c[k])]),
    );
    setTaken({ version: Number(c.version), values: { ...state.values, ...theirs }, at: (state.at ?? 0) + 1, basedOn: state.at });
  };
  return (
    <FormContext.Provider value={shown}>
      <IdPrefixContext.Provider value={idPrefix}>
      <form key={shown.at ?? 0} action={dispatch} className={className} aria-label={label} noValidate>
        {shown.message && !shown.ok && <Alert>{shown.message}</Alert>}
        {!shown.ok && shown.refused && <RefusedHint />}
        {live && <input type="hidden" name="overwrite" value={live.version} />}
        {live && (
          <p role="status" className="text-sm text-stone-700">
            已采用第{live.version}稿，可在此基础上修改后保存。
          </p>
        )}
        {/* The choice belongs to an editor (a form that sent a text); a sign-off form only hears why. */}
        {shown.conflict?.body != null && shown.values?.body != null && <ConflictChoice conflict={shown.conflict} onTake={take} />}
        {children}
      </form>
      </IdPrefixContext.Provider>
    </FormContext.Provider>
  );
}

/** Whether the user typed anything into the form (not counting the ids and versions it carries). */
function typedIn(values: FormState["values"]) {
  return Object.entries(values ?? {}).some(([k, v]) => !/(Id|Ids)$|^(version|intent|basedOn|overwrite|setAside)$/.test(k) && (Array.isArray(v) ? v.length > 0 : v !== ""));
}

/** After a refusal the page stays as it was (what was typed is still here); the way on is to see what changed. */
function RefusedHint() {
  const router = useRouter();
  return (
    <p className="text-sm text-stone-700">
      您填写的内容仍保留在下方。
      <button type="button" onClick={() => router.refresh()} className="ml-1 font-medium text-brand-700 underline underline-offset-2">
        刷新查看最新情况
      </button>
    </p>
  );
}

/**
 * A draft saved meanwhile by someone else (or another tab): its text, and the writer's explicit
 * choice. Nothing is saved over it without one: keep mine as a new version, or take theirs into the
 * editor; when the draft has moved on (sent for sign-off), mine is kept aside in the history.
 */
function ConflictChoice({ conflict, onTake }: { conflict: NonNullable<FormState["conflict"]>; onTake: (c: NonNullable<FormState["conflict"]>) => void }) {
  const editable = conflict.state === "draft" || conflict.state === "returned";
  const version = String(conflict.version);
  return (
    <div className="space-y-2 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm" data-testid="conflict">
      <p className="font-medium text-amber-900">
        当前最新内容（第{version}稿，{String(conflict.updatedBy ?? "")} {String(conflict.updatedAt ?? "")}）：
      </p>
      <div data-testid="conflict-body" className="max-h-60 overflow-y-auto whitespace-pre-wrap font-serif text-stone-800">
        {String(conflict.body)}
      </div>
      <p className="text-stone-700">
        {editable
          ? "您的文本仍在下方编辑框中，请选择："
          : "该稿已送领导签发或已发出，不能再修改。您的文本仍在下方编辑框中，可留存到历次稿本，以备领导退回或重新办理时使用。"}
      </p>
      <div className="flex flex-wrap gap-2">
        {editable ? (
          <>
            <Button type="submit" name="overwrite" value={version} variant="secondary">
              保留我的文本，另存为新稿
            </Button>
            <Button type="button" variant="ghost" onClick={() => onTake(conflict)}>
              采用最新稿
            </Button>
          </>
        ) : (
          <Button type="submit" name="setAside" value={version} variant="secondary">
            留存我的文本
          </Button>
        )}
      </div>
    </div>
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
  const ids = useIds(name);
  return (
    <div className="space-y-1">
      <label htmlFor={ids.field} className="block text-sm font-medium text-stone-800">
        {label}
        {required && <span className="ml-0.5 text-brand-600" aria-hidden>*</span>}
      </label>
      {children}
      {hint && !errors && <p className="text-xs text-stone-500">{hint}</p>}
      {errors && (
        <p id={ids.error} className="text-sm text-red-700" data-field-error={name}>
          {errors[0]}
        </p>
      )}
    </div>
  );
}

const inputClass =
  "block w-full rounded-md border border-stone-300 bg-white px-3 py-2 text-base sm:text-sm shadow-sm focus:border-brand-600 focus:outline-none aria-[invalid=true]:border-red-500";

type FieldProps = { name: string; label: ReactNode; hint?: ReactNode; required?: boolean; defaultValue?: string };

export function TextField({ type = "text", maxLength, autoComplete, min, max, ...p }: FieldProps & { type?: string; maxLength?: number; autoComplete?: string; min?: string; max?: string }) {
  const value = useValue(p.name, p.defaultValue);
  const invalid = !!useFormState().fieldErrors?.[p.name];
  const ids = useIds(p.name);
  return (
    <FieldShell {...p}>
      <input
        id={ids.field}
        name={p.name}
        type={type}
        defaultValue={typeof value === "string" ? value : undefined}
        aria-invalid={invalid}
        aria-describedby={invalid ? ids.error : undefined}
        maxLength={maxLength}
        autoComplete={autoComplete}
        min={min}
        max={max}
        className={inputClass}
      />
    </FieldShell>
  );
}

export function TextArea({ rows = 6, serif, ...p }: FieldProps & { rows?: number; serif?: boolean }) {
  const value = useValue(p.name, p.defaultValue);
  const invalid = !!useFormState().fieldErrors?.[p.name];
  const ids = useIds(p.name);
  return (
    <FieldShell {...p}>
      <textarea
        id={ids.field}
        name={p.name}
        rows={rows}
        defaultValue={typeof value === "string" ? value : undefined}
        aria-invalid={invalid}
        aria-describedby={invalid ? ids.error : undefined}
        className={`${inputClass} ${serif ? "font-serif text-base leading-7" : ""}`}
      />
    </FieldShell>
  );
}

export function Select({ options, placeholder, ...p }: FieldProps & { options: { value: string; label: string }[]; placeholder?: string }) {
  const value = useValue(p.name, p.defaultValue);
  const invalid = !!useFormState().fieldErrors?.[p.name];
  const ids = useIds(p.name);
  return (
    <FieldShell {...p}>
      <select
        id={ids.field}
        name={p.name}
        defaultValue={typeof value === "string" ? value : ""}
        aria-invalid={invalid}
        aria-describedby={invalid ? ids.error : undefined}
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
