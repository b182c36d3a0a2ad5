package live.catwalk.bootstrap.command;

import java.io.PrintStream;
import java.nio.file.Files;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import live.catwalk.adapters.persistence.Database;
import live.catwalk.adapters.persistence.DatabaseInUse;
import live.catwalk.adapters.persistence.vault.TinkVault;
import live.catwalk.bootstrap.config.CatwalkConfig;
import live.catwalk.bootstrap.config.ConfigException;
import live.catwalk.bootstrap.config.Storage;
import live.catwalk.bootstrap.wiring.Logging;
import live.catwalk.bootstrap.wiring.PidFile;
import live.catwalk.bootstrap.wiring.Vaults;
import live.catwalk.core.account.domain.AuditAction;
import live.catwalk.core.account.domain.AuditEntry;
import live.catwalk.core.credential.domain.KeyInfo;
import live.catwalk.core.credential.port.in.DescribeKeys;
import live.catwalk.core.credential.port.in.RotateKeys;
import live.catwalk.core.credential.usecase.DescribeKeysService;
import live.catwalk.core.credential.usecase.RotateKeysService;
import live.catwalk.core.shared.CatwalkException;

/** {@code catwalk keys status|rotate|generate}: the vault's keyset, from the same configuration as {@code serve}. */
final class KeysCommand {

    private KeysCommand() {
    }

    static int run(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
        if (args.isEmpty() || args.contains("-h") || args.contains("--help")) {
            (args.isEmpty() ? err : out).print(Usage.KEYS);
            return args.isEmpty() ? Main.USAGE : Main.OK;
        }
        String verb = args.getFirst();
        if (args.size() > 1) {
            err.println("catwalk keys " + verb + ": unexpected argument '" + args.get(1) + "'.");
            return Main.USAGE;
        }
        if (verb.equals("generate")) {
            out.println(TinkVault.generateKeysetJson());
            return Main.OK;
        }
        if (!verb.equals("status") && !verb.equals("rotate")) {
            err.println("catwalk keys: unknown command '" + verb + "'. Run 'catwalk keys --help'.");
            return Main.USAGE;
        }
        CatwalkConfig config;
        try {
            config = CatwalkConfig.fromEnvironment(env);
        } catch (ConfigException e) {
            e.problems().forEach(p -> err.println("catwalk: invalid configuration: " + ConfigException.line(p)));
            return Main.USAGE;
        }
        Logging.configure(Level.WARNING);
        Storage storage = config.storage();
        if (storage.keyset() instanceof Storage.Keyset.Generated g && !Files.exists(g.path())) {
            err.println("catwalk keys: there is no keyset at " + g.path() + " yet; 'catwalk serve' generates it "
                    + "on its first start (or set CATWALK_KEYSET_FILE).");
            return Main.FAILED;
        }
        try (Database database = Database.open(storage.database(), 2)) {
            if (!storage.database().isPostgres()) {
                PidFile.write(storage.home(), "catwalk keys " + verb);
            }
            TinkVault vault = Vaults.open(storage.keyset());
            if (verb.equals("status")) {
                status(new DescribeKeysService(vault, database.sealedSecrets()), storage, out);
            } else {
                rotate(new RotateKeysService(vault, vault, database.sealedSecrets()), database, out);
            }
            return Main.OK;
        } catch (CatwalkException e) {
            err.println("catwalk keys " + verb + ": " + e.getMessage() + e.hint().map(h -> " " + h).orElse(""));
            return Main.FAILED;
        } catch (DatabaseInUse e) {
            err.println("catwalk keys " + verb + ": " + PidFile.explain(e, storage.home()));
            return Main.FAILED;
        } catch (IllegalArgumentException | IllegalStateException e) {
            err.println("catwalk keys " + verb + ": " + e.getMessage());
            return Main.FAILED;
        } finally {
            PidFile.remove(storage.home());
        }
    }

    private static void status(DescribeKeys keys, Storage storage, PrintStream out) {
        out.println("Keyset: " + describe(storage.keyset()));
        out.printf("%-12s %-8s %-9s %s%n", "KEY ID", "PRIMARY", "STATE", "SECRETS");
        for (DescribeKeys.KeyUsage usage : keys.describe()) {
            KeyInfo key = usage.key();
            out.printf("%-12d %-8s %-9s %d%n", key.id(), key.primary() ? "yes" : "", key.state(), usage.secrets());
        }
    }

    private static void rotate(RotateKeys keys, Database database, PrintStream out) {
        RotateKeys.Rotation rotation = keys.rotate();
        database.auditLog().record(new AuditEntry(Clock.systemUTC().instant(), AuditAction.KEYS_ROTATED,
                Optional.empty(), Optional.of("key " + rotation.newPrimary().id()),
                "re-sealed " + rotation.resealed() + " secrets"));
        out.println("Added key " + rotation.newPrimary().id() + " as the primary key and re-sealed "
                + rotation.resealed() + " secrets under it. Older keys stay in the keyset, so a running server "
                + "that has not re-read the keyset file yet still opens everything.");
    }

    private static String describe(Storage.Keyset keyset) {
        return switch (keyset) {
            case Storage.Keyset.Inline inline -> "CATWALK_KEYSET (read-only)";
            case Storage.Keyset.File file -> file.path().toString();
            case Storage.Keyset.Generated generated -> generated.path() + " (generated)";
        };
    }
}
