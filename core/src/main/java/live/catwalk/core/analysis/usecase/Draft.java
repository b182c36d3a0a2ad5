package live.catwalk.core.analysis.usecase;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import live.catwalk.core.analysis.domain.Analysis;
import live.catwalk.core.analysis.domain.EnvVar;
import live.catwalk.core.analysis.domain.Facts;
import live.catwalk.core.analysis.domain.Notice;
import live.catwalk.core.analysis.domain.Source;
import live.catwalk.core.deployment.domain.PackageRef;
import live.catwalk.core.deployment.domain.PackageRef.Registry;

/** The answers of an analysis in the making, before the model's guesses and the final notices. Immutable. */
record Draft(boolean isMcpServer, Source isMcpServerSource, Optional<Analysis.FoundPackage> pkg, List<EnvVar> env,
             List<Analysis.Argument> args) {

    /** The facts' answers with the registries' choice of package. */
    static Draft of(Facts facts, Packages.Choice choice) {
        Optional<Analysis.FoundPackage> pkg = choice.confirmed().map(c -> new Analysis.FoundPackage(c.registry(),
                        c.name(), choice.version(), c.versionInRepo(), true, c.source()))
                .or(() -> choice.guess().map(c -> new Analysis.FoundPackage(c.registry(), c.name(), Optional.empty(),
                        c.versionInRepo(), false, c.source())));
        Optional<Facts.Candidate> runs = choice.confirmed().or(choice::guess);
        return new Draft(facts.isMcpServer(), facts.isMcpServerSource(), pkg, facts.env(runs),
                choice.confirmed().map(facts::requiredArgs).orElse(List.of()));
    }

    /** The analysis: the command when there is a confirmed package to run, and what a person should know. */
    Analysis toAnalysis(Analysis.Repository repository, Facts facts, List<Notice> found, Optional<String> model) {
        List<Notice> notices = new ArrayList<>(found);
        Optional<Analysis.FoundPackage> runs = pkg.filter(Analysis.FoundPackage::confirmed);
        List<String> command = new ArrayList<>();
        if (!isMcpServer) {
            notices.addFirst(Notice.of("not_an_mcp_server", "this does not look like an MCP server: "
                            + (facts.evidence().isEmpty() ? "no MCP SDK, server.json, smithery.yaml or client "
                            + "configuration was found" : String.join("; ", facts.evidence())),
                    "if it is one, deploy its package by name with POST /api/deployments"));
        } else if (runs.isEmpty()) {
            notices.addFirst(Notice.of("no_published_package", pkg.map(p -> "the package " + p.name()
                            + " is not published on " + p.registry().wireName())
                            .orElse("no npm or PyPI package runs this server"),
                    "Catwalk runs servers published to npm or PyPI: publish it there (or ask its authors to), or "
                            + "deploy a published fork by name with POST /api/deployments"));
        } else {
            List<String> either = facts.readme().alternatives(l -> l.stdio() && l.runs(runs.get().name()));
            if (!either.isEmpty()) {
                notices.add(Notice.of("one_of_variables", "the README sets one of " + String.join(", ", either)
                        + " in each of its launches: the server needs one of them, not all",
                        "fill in one of them on the form"));
            }
            Analysis.FoundPackage p = runs.get();
            command.addAll(new PackageRef(p.registry(), p.name(), p.version()).command());
            args.forEach(a -> command.add(a.placeholder()));
        }
        Optional<String> runtime = pkg.map(p -> p.registry() == Registry.NPM ? "node" : "python").or(facts::runtime);
        Optional<Source> runtimeSource = pkg.map(Analysis.FoundPackage::source).or(facts::runtimeSource);
        return new Analysis(repository, isMcpServer, isMcpServerSource, pkg, runtime, runtimeSource,
                List.copyOf(command), isMcpServer && runs.isPresent() ? args : List.of(), isMcpServer ? env : List.of(),
                List.of(), notices, model.isEmpty(), model);
    }
}
