/** One `sq` command; sq.ts loads it on demand. Its own file so commands never import the dispatcher that imports them. */
export interface Command {
  run(args: string[]): Promise<number>;
}
