export { EntityNotebookValidationContent } from './EntityNotebookValidationContent';
