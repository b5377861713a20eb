import { Command } from 'commander';

const program = new Command('parley').description('Parley — social customer care desk');

await program.parseAsync(process.argv);
