export {
  type AccountModel,
  type AdapterHead,
  type AdapterHeadName,
  addHeadLogits,
  headRowCount,
} from './account-model.ts';
export { decodeAccountModel, encodeAccountModel } from './codec.ts';
export {
  type AdaptationData,
  type AdaptationExample,
  type AdaptationOptions,
  type AdaptationReport,
  defaultAdaptationOptions,
  type HeadReport,
  trainAccountModel,
} from './train.ts';
export { trainAccountModelOffThread } from './train-thread.ts';
