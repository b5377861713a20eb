// WhatsApp template bodies: `{{1}}`, `{{2}}`, … mark the parameters, numbered from 1 without gaps
// (WhatsApp's own rule). Pure, so the desk's preview and the server's send render the same text.

const PLACEHOLDER = /\{\{\s*(\d+)\s*\}\}/g;
export const TEMPLATE_BODY_MAX = 1024;
export const TEMPLATE_PARAMETER_MAX = 1024;

export interface TemplateInput {
  name: string;
  language: string;
  body: string;
}

export interface Problem {
  field: string;
  message: string;
}

/** The distinct placeholder numbers in the body, ascending. */
function placeholderNumbers(body: string): number[] {
  return [...new Set([...body.matchAll(PLACEHOLDER)].map((m) => Number(m[1])))].sort((a, b) => a - b);
}

/** How many parameters the body takes (the highest placeholder number). */
export function parameterCount(body: string): number {
  return placeholderNumbers(body).at(-1) ?? 0;
}

export function templateProblems(input: TemplateInput): Problem[] {
  const problems: Problem[] = [];
  if (!/^[a-z0-9_]{1,512}$/.test(input.name)) {
    problems.push({
      field: 'name',
      message: 'lowercase letters, digits and _ only, as approved in WhatsApp',
    });
  }
  if (!/^[a-z]{2,3}(_[A-Z][A-Za-z]{1,3})?$/.test(input.language)) {
    problems.push({ field: 'language', message: 'a WhatsApp language code such as en, en_US or pt_BR' });
  }
  if (!input.body.trim()) problems.push({ field: 'body', message: 'the approved body text is required' });
  if ([...input.body].length > TEMPLATE_BODY_MAX) {
    problems.push({ field: 'body', message: `at most ${TEMPLATE_BODY_MAX} characters` });
  }
  const numbers = placeholderNumbers(input.body);
  if (numbers.some((n, index) => n !== index + 1)) {
    problems.push({ field: 'body', message: 'placeholders are numbered {{1}}, {{2}}, … without gaps' });
  }
  return problems;
}

/** What is wrong with these parameters for this body (WhatsApp refuses new lines and tabs in them). */
export function parameterProblems(body: string, parameters: readonly string[]): Problem[] {
  const expected = parameterCount(body);
  if (parameters.length !== expected) {
    return [
      {
        field: 'parameters',
        message: `this template takes ${expected} parameter(s), not ${parameters.length}`,
      },
    ];
  }
  return parameters.flatMap((value, index) => {
    const field = `parameters.${index}`;
    if (!value.trim()) return [{ field, message: `{{${index + 1}}} is empty` }];
    if (/[\n\t]/.test(value))
      return [{ field, message: `{{${index + 1}}} may not contain new lines or tabs` }];
    if ([...value].length > TEMPLATE_PARAMETER_MAX) {
      return [{ field, message: `{{${index + 1}}} is over ${TEMPLATE_PARAMETER_MAX} characters` }];
    }
    return [];
  });
}

/** The body with each `{{n}}` replaced by parameter n; missing ones stay as written. */
export function renderTemplateBody(body: string, parameters: readonly (string | undefined)[]): string {
  return body.replace(PLACEHOLDER, (whole, n: string) => {
    const value = parameters[Number(n) - 1];
    return value ? value : whole;
  });
}
