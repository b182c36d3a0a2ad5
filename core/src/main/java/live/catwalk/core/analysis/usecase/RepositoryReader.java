package live.catwalk.core.analysis.usecase;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import live.catwalk.core.analysis.domain.Facts;
import live.catwalk.core.analysis.domain.GithubRepo;
import live.catwalk.core.analysis.domain.RepositoryFiles;
import live.catwalk.core.analysis.port.out.ManifestFormats;
import live.catwalk.core.analysis.port.out.RepositoryHost;
import live.catwalk.core.shared.CatwalkException;

/**
 * Finds a repository and its commit on the host, reads the files an analysis needs (bounded in count and bytes)
 * and what they say for certain ({@link Facts}).
 */
final class RepositoryReader {

    /** The most bytes read from one repository in all. */
    static final long MAX_BYTES = 4L * 1024 * 1024;

    /** The repository found: as the host spells it, the ref read and the commit it named. */
    record Found(RepositoryHost.Repository repository, String ref, String commit) {
    }

    /** What was read at the commit. */
    record Read(RepositoryFiles files, Facts facts) {
    }

    private final RepositoryHost host;
    private final ManifestFormats formats;

    RepositoryReader(RepositoryHost host, ManifestFormats formats) {
        this.host = host;
        this.formats = formats;
    }

    Found find(GithubRepo repo) {
        RepositoryHost.Repository found = host.repository(repo.owner(), repo.name()).orElseThrow(() ->
                CatwalkException.notFound("github.com/" + repo.fullName() + " was not found, or it is private")
                        .withCode("repository_not_found").withField("repo")
                        .withHint("check the owner and name; Catwalk analyses public repositories only"));
        String ref = repo.ref().orElse(found.defaultBranch());
        String commit = host.commit(found.fullName(), ref).orElseThrow(() ->
                CatwalkException.notFound("github.com/" + found.fullName() + " has no branch, tag or commit '"
                                + ref + "'").withCode("ref_not_found").withField("repo")
                        .withHint("link a branch or tag that exists, or the repository itself for its default branch"));
        return new Found(found, ref, commit);
    }

    Read read(GithubRepo repo, Found found) {
        RepositoryHost.Tree tree = host.tree(found.repository().fullName(), found.commit());
        if (repo.subdir().isPresent() && RepositoryFiles.inScope(tree.paths(), repo.subdir()).isEmpty()
                && !tree.truncated()) {
            throw CatwalkException.notFound("github.com/" + found.repository().fullName() + " has no folder '"
                            + repo.subdir().get() + "' at " + found.ref()).withCode("folder_not_found")
                    .withField("repo").withHint("link a folder that exists on that branch");
        }
        Map<String, String> fetched = new LinkedHashMap<>();
        long budget = MAX_BYTES;
        for (String path : RepositoryFiles.toRead(tree.paths(), tree.truncated(), repo.subdir())) {
            if (budget <= 0) {
                break;
            }
            Optional<RepositoryHost.FileText> file;
            try {
                file = host.file(found.repository().fullName(), found.commit(), path);
            } catch (IllegalArgumentException refused) { // a path the host's client will not ask for: skipped
                continue;
            }
            if (file.isPresent()) {
                fetched.put(path, file.get().text());
                budget -= file.get().text().length();
            }
        }
        RepositoryFiles files = RepositoryFiles.of(repo.subdir(), tree.paths(), tree.truncated(), fetched);
        List<String> unreadable = new ArrayList<>();
        Optional<JsonNode> pyproject = parsed(files, "pyproject.toml", formats::toml, unreadable);
        Optional<JsonNode> smithery = parsed(files, "smithery.yaml", formats::yaml, unreadable)
                .or(() -> parsed(files, "smithery.yml", formats::yaml, unreadable));
        return new Read(files, Facts.of(files, pyproject, smithery, unreadable));
    }

    private static Optional<JsonNode> parsed(RepositoryFiles files, String name,
                                             java.util.function.Function<String, Optional<JsonNode>> parser,
                                             List<String> unreadable) {
        Optional<String> text = files.text(name);
        Optional<JsonNode> tree = text.flatMap(parser);
        if (text.isPresent() && tree.isEmpty()) {
            unreadable.add(name);
        }
        return tree;
    }
}
