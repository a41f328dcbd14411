/** Where the server reports what it is doing; tests pass a silent one. */
export interface Logger {
  info(message: string): void;
  error(message: string, cause?: unknown): void;
}

export const consoleLogger: Logger = {
  info: (message) => console.log(message),
  error: (message, cause) =>
    cause === undefined ? console.error(message) : console.error(message, cause),
};

export const silentLogger: Logger = {
  info: () => {},
  error: () => {},
};
