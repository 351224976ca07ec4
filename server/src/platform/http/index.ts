export { AppError, platformError, notFound, invalidField } from './errors.ts';
export { errorHandler, sendProblem, toProblem, requestLang, type Lang } from './problem.ts';
