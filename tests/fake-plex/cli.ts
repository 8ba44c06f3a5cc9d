/**
 * Starts the fake Plex servers for the demo or manual testing:
 *   tsx tests/fake-plex/cli.ts [--plex-tv-port N] [--pms-port N] [--control-port N] [--films N] [--seed S] [--host H] [--verbose]
 * Prints one JSON line {"plexTvUrl","pmsUrl","controlUrl","discoverUrl","playerUrl","serverId"} to stdout, then runs until SIGTERM/SIGINT.
 */
import { startFakePlex, type FakePlexOptions } from "./index";

function parseArgs(argv: string[]): FakePlexOptions {
  const opts: FakePlexOptions = { quiet: false };
  const num = (flag: string, v: string | undefined): number => {
    const n = Number(v);
    if (v === undefined || !Number.isInteger(n) || n < 0) throw new Error(`${flag} needs a non-negative integer`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    const [flag, inline] = arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
    const value = () => inline ?? argv[++i];
    switch (flag) {
      case "--plex-tv-port":
        opts.plexTvPort = num(flag, value());
        break;
      case "--pms-port":
        opts.pmsPort = num(flag, value());
        break;
      case "--control-port":
        opts.controlPort = num(flag, value());
        break;
      case "--films":
        opts.films = num(flag, value());
        break;
      case "--seed": {
        const v = value();
        if (!v) throw new Error("--seed needs a value");
        opts.seed = v;
        break;
      }
      case "--host": {
        const v = value();
        if (!v) throw new Error("--host needs a value");
        opts.host = v;
        break;
      }
      case "--verbose":
        opts.verbose = true;
        break;
      case "--help":
      case "-h":
        process.stdout.write(
          "usage: tsx tests/fake-plex/cli.ts [--plex-tv-port N] [--pms-port N] [--control-port N] [--films N] [--seed S] [--host H] [--verbose]\n",
        );
        process.exit(0);
        break;
      default:
        throw new Error(`unknown argument ${arg}`);
    }
  }
  return opts;
}

async function main(): Promise<void> {
  let opts: FakePlexOptions;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`fake-plex: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(2);
  }
  const plex = await startFakePlex(opts);
  process.stdout.write(
    `${JSON.stringify({ plexTvUrl: plex.plexTvUrl, pmsUrl: plex.pmsUrl, controlUrl: plex.controlUrl, discoverUrl: plex.discoverUrl, playerUrl: plex.playerUrl, serverId: plex.fixtures.server.machineIdentifier })}\n`,
  );
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    plex.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
    setTimeout(() => process.exit(0), 2000).unref();
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`fake-plex: failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
