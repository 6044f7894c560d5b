/**
 * An Error class whose instances always carry the same name and message: the refusals of the worker pools
 * and the research door, told apart by `instanceof` where they become problem answers.
 */
export function fixedError(name: string, message: string) {
  return class extends Error {
    constructor() {
      super(message);
      this.name = name;
    }
  };
}
