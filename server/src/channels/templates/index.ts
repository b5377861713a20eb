export {
  parameterCount,
  parameterProblems,
  renderTemplateBody,
  TEMPLATE_BODY_MAX,
  TEMPLATE_PARAMETER_MAX,
  type TemplateInput,
  templateProblems,
} from './template-body.ts';
export {
  createTemplate,
  deleteTemplate,
  getTemplate,
  listTemplates,
  updateTemplate,
  type WhatsAppTemplateDto,
} from './templates-store.ts';
