import { Type } from '@sinclair/typebox';

export const Uuid = Type.String({ format: 'uuid' });
export const IdParams = Type.Object({ id: Type.String({ maxLength: 64 }) });
export const Role = Type.Union([Type.Literal('admin'), Type.Literal('supervisor'), Type.Literal('agent')]);
export const Status = Type.Union([
  Type.Literal('new'),
  Type.Literal('open'),
  Type.Literal('pending'),
  Type.Literal('snoozed'),
  Type.Literal('resolved'),
  Type.Literal('closed'),
]);
export const Priority = Type.Union([
  Type.Literal('urgent'),
  Type.Literal('high'),
  Type.Literal('normal'),
  Type.Literal('low'),
]);
export const ErrorResponse = Type.Object({
  error: Type.Object({ code: Type.String(), message: Type.String(), details: Type.Optional(Type.Unknown()) }),
});
export const Ok = Type.Object({ ok: Type.Literal(true) });
