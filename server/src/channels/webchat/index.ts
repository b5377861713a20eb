export { chatExternalId, webchatAdapter } from './adapter.ts';
export type { WebchatDelivery } from './delivery.ts';
export { isOriginAllowed, resolveVisitor, signUserId, visitorToken } from './identity.ts';
export { serveVisitor, type VisitorQuery, type VisitorSocketDeps } from './socket.ts';
export { WIDGET_SCRIPT } from './widget-script.ts';
