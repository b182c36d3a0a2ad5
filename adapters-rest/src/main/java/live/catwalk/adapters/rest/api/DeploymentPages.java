package live.catwalk.adapters.rest.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import live.catwalk.core.account.domain.Principal;
import live.catwalk.core.deployment.domain.FileDeployment;
import live.catwalk.core.deployment.port.in.ListDeployments;
import live.catwalk.core.deployment.port.in.ListFileDeployments;

/**
 * The caller's deployments as {@code GET /api/deployments} lists them: for an admin the deployments file's first
 * (by id), then the API's, newest first.
 */
final class DeploymentPages {

    static final int MAX_PAGE = 100;

    private final ListDeployments list;
    private final ListFileDeployments files;
    private final Links links;

    DeploymentPages(ListDeployments list, ListFileDeployments files, Links links) {
        this.list = Objects.requireNonNull(list, "list");
        this.files = Objects.requireNonNull(files, "files");
        this.links = Objects.requireNonNull(links, "links");
    }

    /** At most {@code limit} (1 to {@value #MAX_PAGE}) of them from {@code offset} on. */
    List<DeploymentView> page(Principal caller, int offset, int limit) {
        Links.Base base = links.base();
        List<FileDeployment> fromFile = files.list(caller);
        List<DeploymentView> items = new ArrayList<>();
        for (long i = offset; i < Math.min(fromFile.size(), (long) offset + limit); i++) {
            items.add(DeploymentView.of(fromFile.get((int) i), base));
        }
        if (items.size() < limit) {
            list.list(caller, Math.max(0, offset - fromFile.size()), limit - items.size())
                    .forEach(d -> items.add(DeploymentView.of(d, base)));
        }
        return List.copyOf(items);
    }

    /** The first {@code max} of them, page by page. */
    List<DeploymentView> first(Principal caller, int max) {
        List<DeploymentView> items = new ArrayList<>();
        while (items.size() < max) {
            int want = Math.min(MAX_PAGE, max - items.size());
            List<DeploymentView> page = page(caller, items.size(), want);
            items.addAll(page);
            if (page.size() < want) {
                break;
            }
        }
        return List.copyOf(items);
    }
}
