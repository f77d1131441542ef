//! Checks the module layering (issue 17): every module imports only from layers below its
//! own, and no modules import each other in a circle. Reads the crate's source files.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Top-level modules, lowest layer first; a module may import from earlier rows only (and
/// from inside itself).
const LAYERS: [&[&str]; 9] = [
    &["model", "clock", "journal", "runtime"],
    &["domain"],
    &["error", "settings"],
    &["faults"],
    &["store"],
    &["state"],
    &["middleware", "handlers"],
    &["app"],
    &["server"],
];

fn layer_of(module: &str) -> usize {
    let top = module.split("::").next().unwrap_or(module);
    LAYERS
        .iter()
        .position(|row| row.contains(&top))
        .unwrap_or_else(|| panic!("module {module} is in no layer"))
}

/// Module path (`domain::images::recipe`) → the `crate::…` paths its code (tests and comments
/// aside) names.
fn imports(dir: &Path, prefix: &str, graph: &mut BTreeMap<String, BTreeSet<String>>) {
    for entry in std::fs::read_dir(dir).expect("src readable").flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().replace(".rs", "");
        let module = match name.as_str() {
            "mod" => prefix.trim_end_matches("::").to_string(),
            _ => format!("{prefix}{name}"),
        };
        if path.is_dir() {
            imports(&path, &format!("{prefix}{name}::"), graph);
            continue;
        }
        if matches!(module.as_str(), "lib" | "main" | "layers") {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("source readable");
        let code = text.split("#[cfg(test)]").next().unwrap_or_default();
        let named = graph.entry(module).or_default();
        for line in code.lines().filter(|line| !line.trim().starts_with("//")) {
            for part in line.split("crate::").skip(1) {
                let end = part
                    .find(|c: char| !(c.is_ascii_lowercase() || c == '_' || c == ':'))
                    .unwrap_or(part.len());
                named.insert(part[..end].trim_end_matches(':').to_string());
            }
        }
    }
}

/// Resolves every named path to the module that defines it (its longest module prefix).
fn module_graph() -> BTreeMap<String, BTreeSet<String>> {
    let mut named = BTreeMap::new();
    imports(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        "",
        &mut named,
    );
    let modules: BTreeSet<String> = named.keys().cloned().collect();
    named
        .iter()
        .map(|(module, paths)| {
            let targets = paths
                .iter()
                .filter_map(|path| {
                    let segments: Vec<&str> = path.split("::").collect();
                    (1..=segments.len())
                        .rev()
                        .map(|n| segments[..n].join("::"))
                        .find(|candidate| modules.contains(candidate))
                })
                .filter(|target| target != module)
                .collect();
            (module.clone(), targets)
        })
        .collect()
}

#[test]
fn every_module_imports_only_from_lower_layers() {
    for (module, targets) in module_graph() {
        for target in targets {
            let same_top = module.split("::").next() == target.split("::").next();
            assert!(
                same_top || layer_of(&target) < layer_of(&module),
                "{module} imports {target}, which is not below it"
            );
        }
    }
}

#[test]
fn no_modules_import_each_other_in_a_circle() {
    let graph = module_graph();
    // Depth-first search; meeting a module still on the path closes a circle.
    fn visit(
        module: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) {
        if let Some(start) = path.iter().position(|on_path| on_path == module) {
            panic!("import circle: {}", path[start..].join(" → "));
        }
        if done.contains(module) {
            return;
        }
        path.push(module.to_string());
        for target in graph.get(module).into_iter().flatten() {
            visit(target, graph, path, done);
        }
        path.pop();
        done.insert(module.to_string());
    }
    let mut done = BTreeSet::new();
    assert!(graph.len() > 30, "only {} modules found", graph.len());
    for module in graph.keys() {
        visit(module, &graph, &mut Vec::new(), &mut done);
    }
}
