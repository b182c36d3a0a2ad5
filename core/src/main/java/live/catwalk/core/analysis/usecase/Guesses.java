package live.catwalk.core.analysis.usecase;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import live.catwalk.core.analysis.domain.Analysis;
import live.catwalk.core.analysis.domain.EnvFindings;
import live.catwalk.core.analysis.domain.EnvVar;
import live.catwalk.core.analysis.domain.Facts;
import live.catwalk.core.analysis.domain.ModelAnswer;
import live.catwalk.core.analysis.domain.ModelQuestion.Gap;
import live.catwalk.core.analysis.domain.Notice;
import live.catwalk.core.analysis.domain.RepositoryFiles;
import live.catwalk.core.analysis.domain.Source;

/**
 * A model's answer applied to the gaps it was asked about, and only to them: a package counts once its registry
 * confirms it, a variable once the repository's files mention it; anything else is marked or left out, and said.
 */
final class Guesses {

    private final Packages packages;
    private final RepositoryFiles files;
    private final Facts facts;

    Guesses(Packages packages, RepositoryFiles files, Facts facts) {
        this.packages = packages;
        this.files = files;
        this.facts = facts;
    }

    Draft apply(Draft draft, ModelAnswer answer, Set<Gap> gaps, List<Notice> notices) {
        boolean mcp = draft.isMcpServer();
        Source mcpSource = draft.isMcpServerSource();
        if (gaps.contains(Gap.IS_MCP_SERVER) && answer.isMcpServer().orElse(false)) {
            mcp = true;
            mcpSource = Source.LLM;
            notices.add(Notice.of("model_judgement", "the model judged this an MCP server; no manifest says so",
                    "check the README before deploying"));
        }
        Optional<Analysis.FoundPackage> pkg = draft.pkg();
        List<EnvVar> env = draft.env();
        List<Analysis.Argument> args = draft.args();
        if (gaps.contains(Gap.PACKAGE) && answer.pkg().isPresent()) {
            ModelAnswer.PackageGuess guess = answer.pkg().get();
            Facts.Candidate candidate = new Facts.Candidate(guess.registry(), guess.name(), Optional.empty(), Source.LLM);
            Optional<String> version = packages.latest(candidate);
            if (version.isPresent()) {
                pkg = Optional.of(new Analysis.FoundPackage(guess.registry(), guess.name(), version, Optional.empty(),
                        true, Source.LLM));
                env = facts.env(Optional.of(candidate));
                args = facts.requiredArgs(candidate);
            } else {
                notices.add(Notice.of("unconfirmed_package", "the model named the " + guess.registry().wireName()
                                + " package " + guess.name() + ", which " + guess.registry().wireName()
                                + " does not have; it is not used",
                        "deploy the server's package by name if you know it"));
                if (pkg.isEmpty()) {
                    pkg = Optional.of(new Analysis.FoundPackage(guess.registry(), guess.name(), Optional.empty(),
                            Optional.empty(), false, Source.LLM));
                }
            }
        }
        if (gaps.contains(Gap.ENV) && !answer.env().isEmpty()) {
            env = withVariables(env, answer.env(), notices);
        }
        if (gaps.contains(Gap.ARGS) && args.isEmpty() && pkg.filter(Analysis.FoundPackage::confirmed).isPresent()) {
            List<Analysis.Argument> guessed = new ArrayList<>();
            for (String a : answer.requiredArgs()) {
                guessed.add(new Analysis.Argument("<argument-" + (guessed.size() + 1) + ">", Optional.of(a),
                        Optional.empty(), Source.LLM));
            }
            args = guessed;
        }
        return new Draft(mcp, mcpSource, pkg, env, args);
    }

    private List<EnvVar> withVariables(List<EnvVar> env, List<ModelAnswer.EnvGuess> guesses, List<Notice> notices) {
        List<EnvVar> all = new ArrayList<>(env);
        List<String> unconfirmed = new ArrayList<>();
        for (ModelAnswer.EnvGuess g : guesses) {
            if (!EnvVar.isName(g.name())) {
                continue;
            }
            if (mentioned(g.name())) {
                all.add(new EnvVar(g.name(), g.description(), g.required(), g.secret() || EnvVar.looksSecret(g.name()),
                        Optional.empty(), "text", List.of(), Source.LLM));
            } else {
                unconfirmed.add(g.name());
            }
        }
        if (!unconfirmed.isEmpty()) {
            notices.add(Notice.of("unconfirmed_variables", "the model named variables the repository's files never "
                            + "mention, so they are left out: " + String.join(", ", unconfirmed),
                    "add any the server really needs on the form yourself"));
        }
        return EnvFindings.merge(all);
    }

    private boolean mentioned(String name) {
        Pattern word = Pattern.compile("(?<![A-Za-z0-9_])" + Pattern.quote(name) + "(?![A-Za-z0-9_])");
        return files.texts().values().stream().anyMatch(t -> word.matcher(t).find());
    }
}
