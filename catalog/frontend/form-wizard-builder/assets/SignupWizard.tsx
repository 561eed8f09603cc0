// Multi-step form template: one react-hook-form instance, one zod schema,
// per-step validation with trigger(), focus moved to the step heading on change.
import { zodResolver } from "@hookform/resolvers/zod";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { FormProvider, useForm, useFormContext } from "react-hook-form";
import { z } from "zod";

export const signupSchema = z.object({
  email: z.string().email("Enter a valid email address"),
  name: z.string().min(1, "Enter your name"),
  plan: z.enum(["free", "pro"]),
  company: z.string().max(100, "Use at most 100 characters"),
});
export type SignupData = z.infer<typeof signupSchema>;

const steps = [
  { id: "account", title: "Account", fields: ["email", "name"] },
  { id: "plan", title: "Plan", fields: ["plan", "company"] },
  { id: "review", title: "Review", fields: [] },
] as const satisfies ReadonlyArray<{
  id: string;
  title: string;
  fields: ReadonlyArray<keyof SignupData>;
}>;

function TextField({ name, label, type = "text", autoComplete }: {
  name: "email" | "name" | "company";
  label: string;
  type?: string;
  autoComplete?: string;
}) {
  const { register, formState: { errors } } = useFormContext<SignupData>();
  const error = errors[name]?.message;
  return (
    <div>
      <label htmlFor={name}>{label}</label>
      <input
        id={name}
        type={type}
        autoComplete={autoComplete}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${name}-error` : undefined}
        {...register(name)}
      />
      {error && <p id={`${name}-error`}>{error}</p>}
    </div>
  );
}

function PlanStep() {
  const { register } = useFormContext<SignupData>();
  return (
    <>
      <fieldset>
        <legend>Plan</legend>
        <label><input type="radio" value="free" {...register("plan")} /> Free</label>
        <label><input type="radio" value="pro" {...register("plan")} /> Pro</label>
      </fieldset>
      <TextField name="company" label="Company (optional)" autoComplete="organization" />
    </>
  );
}

function ReviewStep() {
  const { getValues } = useFormContext<SignupData>();
  const data = getValues();
  return (
    <dl>
      <dt>Email</dt><dd>{data.email}</dd>
      <dt>Name</dt><dd>{data.name}</dd>
      <dt>Plan</dt><dd>{data.plan}</dd>
      <dt>Company</dt><dd>{data.company || "None"}</dd>
    </dl>
  );
}

export function SignupWizard({ onSubmit }: { onSubmit: (data: SignupData) => Promise<void> }) {
  const methods = useForm<SignupData>({
    resolver: zodResolver(signupSchema),
    defaultValues: { email: "", name: "", plan: "free", company: "" },
    mode: "onTouched",
  });
  const [index, setIndex] = useState(0);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const shownIndex = useRef(index);
  const step = steps[index];
  const isLast = index === steps.length - 1;

  useEffect(() => {
    // Move focus only on a step change, never on first mount.
    if (shownIndex.current !== index) {
      shownIndex.current = index;
      headingRef.current?.focus();
    }
  }, [index]);

  async function next() {
    const valid = await methods.trigger([...step.fields], { shouldFocus: true });
    if (valid) setIndex((i) => i + 1);
  }

  // Enter in a field submits the form: advance instead unless on the last step.
  const handleSubmit = isLast
    ? methods.handleSubmit(onSubmit)
    : (event: FormEvent) => {
        event.preventDefault();
        void next();
      };

  return (
    <FormProvider {...methods}>
      <form noValidate onSubmit={handleSubmit}>
        <ol aria-label="Progress">
          {steps.map((s, i) => (
            <li key={s.id} aria-current={i === index ? "step" : undefined}>{s.title}</li>
          ))}
        </ol>
        <h2 ref={headingRef} tabIndex={-1}>
          Step {index + 1} of {steps.length}: {step.title}
        </h2>
        {step.id === "account" && (
          <>
            <TextField name="email" label="Email" type="email" autoComplete="email" />
            <TextField name="name" label="Full name" autoComplete="name" />
          </>
        )}
        {step.id === "plan" && <PlanStep />}
        {step.id === "review" && <ReviewStep />}
        <div>
          {index > 0 && (
            <button type="button" onClick={() => setIndex((i) => i - 1)}>Back</button>
          )}
          {isLast ? (
            <button key="submit" type="submit" disabled={methods.formState.isSubmitting}>
              Create account
            </button>
          ) : (
            <button key="next" type="submit">Next</button>
          )}
        </div>
        {methods.formState.errors.root && (
          <p role="alert">{methods.formState.errors.root.message}</p>
        )}
      </form>
    </FormProvider>
  );
}
