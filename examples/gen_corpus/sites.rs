//! The site files `gen_corpus` writes beside the articles for Hugo and Zola: configuration,
//! section files and templates. Hugo and Zola render the same page set (one page per article,
//! a home index paginated 10 per page with the `/page/1/` redirect, one unpaginated page per
//! city and per tag, the `/cities/` and `/tags/` lists, and `404.html`); feeds, sitemaps,
//! robots.txt, search index, Sass and highlighting are off. A dateline corpus needs none of
//! these: the project brings its own configuration defaults and theme.
//!
//! Kept byte for byte as the shared `gen_corpus.py` wrote them, so that figures measured with
//! either generator compare.

/// `config.toml` of a Zola site.
pub(crate) const ZOLA_CONFIG: &str = r#"base_url = "https://example.org"
title = "Dateline bench"
compile_sass = false
build_search_index = false
generate_feeds = false
generate_sitemap = false
generate_robots_txt = false
taxonomies = [{name = "cities"}, {name = "tags"}]

[markdown]
# no [markdown.highlighting] table => no syntax highlighting
"#;

/// Zola's section files and templates, by path under the site root. The articles' section is
/// transparent and not rendered: its pages bubble up to the root index.
pub(crate) const ZOLA_FILES: &[(&str, &str)] = &[
    (
        "content/_index.md",
        "+++\ntitle = \"Latest reports\"\nsort_by = \"date\"\npaginate_by = 10\n+++\n",
    ),
    (
        "content/articles/_index.md",
        "+++\ntitle = \"Articles\"\nsort_by = \"date\"\ntransparent = true\nrender = false\n+++\n",
    ),
    (
        "templates/base.html",
        r#"<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{% block title %}{{ config.title }}{% endblock title %}</title></head>
<body><header><a href="{{ config.base_url | safe }}/">{{ config.title }}</a> | <a href="{{ config.base_url | safe }}/cities/">Cities</a></header>
<main>{% block content %}{% endblock content %}</main></body></html>
"#,
    ),
    (
        "templates/index.html",
        r#"{% extends "base.html" %}
{% block content %}<h1>{{ section.title }}</h1>
<ul>{% for page in paginator.pages %}
<li><a href="{{ page.permalink | safe }}">{{ page.title }}</a> <time>{{ page.date | date(format="%Y-%m-%d") }}</time></li>{% endfor %}
</ul>
<nav>{% if paginator.previous %}<a href="{{ paginator.previous | safe }}">Newer</a>{% endif %} {{ paginator.current_index }}/{{ paginator.number_pagers }} {% if paginator.next %}<a href="{{ paginator.next | safe }}">Older</a>{% endif %}</nav>
{% endblock content %}
"#,
    ),
    (
        "templates/section.html",
        r#"{% extends "base.html" %}
{% block content %}<h1>{{ section.title }}</h1>
<ul>{% for page in section.pages %}
<li><a href="{{ page.permalink | safe }}">{{ page.title }}</a> <time>{{ page.date | date(format="%Y-%m-%d") }}</time></li>{% endfor %}
</ul>
{% endblock content %}
"#,
    ),
    (
        "templates/page.html",
        r#"{% extends "base.html" %}
{% block title %}{{ page.title }}{% endblock title %}
{% block content %}<article><h1>{{ page.title }}</h1>
<time>{{ page.date | date(format="%Y-%m-%d") }}</time>
<p>Cities: {% for c in page.taxonomies.cities %}<a href="{{ get_taxonomy_url(kind="cities", name=c) | safe }}">{{ c }}</a> {% endfor %}</p>
<p>Tags: {% for t in page.taxonomies.tags %}<a href="{{ get_taxonomy_url(kind="tags", name=t) | safe }}">{{ t }}</a> {% endfor %}</p>
{{ page.content | safe }}
</article>
{% endblock content %}
"#,
    ),
    (
        "templates/taxonomy_list.html",
        r#"{% extends "base.html" %}
{% block content %}<h1>{{ taxonomy.name }}</h1>
<ul>{% for term in terms %}
<li><a href="{{ term.permalink | safe }}">{{ term.name }}</a> ({{ term.page_count }})</li>{% endfor %}
</ul>
{% endblock content %}
"#,
    ),
    (
        "templates/taxonomy_single.html",
        r#"{% extends "base.html" %}
{% block title %}{{ term.name }}{% endblock title %}
{% block content %}<h1>{{ term.name }}</h1>
<ul>{% for page in term.pages %}
<li><a href="{{ page.permalink | safe }}">{{ page.title }}</a> <time>{{ page.date | date(format="%Y-%m-%d") }}</time></li>{% endfor %}
</ul>
{% endblock content %}
"#,
    ),
    (
        "templates/404.html",
        r#"{% extends "base.html" %}
{% block content %}<h1>Not found</h1>{% endblock content %}
"#,
    ),
];

/// `hugo.toml` of a Hugo site: the same work as the Zola site (no feeds, sitemap, robots.txt,
/// and no separate `/articles/` section listing).
pub(crate) const HUGO_CONFIG: &str = r#"baseURL = "https://example.org/"
title = "Dateline bench"
# Comparable work with the Zola site: no feeds, sitemap, robots.txt, and no
# separate /articles/ section listing (Zola: transparent + render = false).
disableKinds = ["rss", "sitemap", "robotstxt", "section"]

[taxonomies]
city = "cities"
tag = "tags"

[pagination]
pagerSize = 10
"#;

/// Hugo's home section file and layouts (template names of Hugo 0.146 and later).
pub(crate) const HUGO_FILES: &[(&str, &str)] = &[
    (
        "content/_index.md",
        "+++\ntitle = \"Latest reports\"\n+++\n",
    ),
    (
        "layouts/baseof.html",
        r#"<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{ block "title" . }}{{ site.Title }}{{ end }}</title></head>
<body><header><a href="{{ site.BaseURL }}">{{ site.Title }}</a> | <a href="{{ "cities/" | absURL }}">Cities</a></header>
<main>{{ block "main" . }}{{ end }}</main></body></html>
"#,
    ),
    (
        "layouts/home.html",
        r#"{{ define "main" }}<h1>{{ .Title }}</h1>
{{ $p := .Paginate site.RegularPages }}<ul>{{ range $p.Pages }}
<li><a href="{{ .Permalink }}">{{ .Title }}</a> <time>{{ .Date.Format "2006-01-02" }}</time></li>{{ end }}
</ul>
<nav>{{ with $p.Prev }}<a href="{{ .URL }}">Newer</a>{{ end }} {{ $p.PageNumber }}/{{ $p.TotalPages }} {{ with $p.Next }}<a href="{{ .URL }}">Older</a>{{ end }}</nav>
{{ end }}
"#,
    ),
    (
        "layouts/section.html",
        r#"{{ define "main" }}<h1>{{ .Title }}</h1>
<ul>{{ range .Pages }}
<li><a href="{{ .Permalink }}">{{ .Title }}</a> <time>{{ .Date.Format "2006-01-02" }}</time></li>{{ end }}
</ul>
{{ end }}
"#,
    ),
    (
        "layouts/page.html",
        r#"{{ define "title" }}{{ .Title }}{{ end }}
{{ define "main" }}<article><h1>{{ .Title }}</h1>
<time>{{ .Date.Format "2006-01-02" }}</time>
<p>Cities: {{ range .GetTerms "cities" }}<a href="{{ .Permalink }}">{{ .LinkTitle }}</a> {{ end }}</p>
<p>Tags: {{ range .GetTerms "tags" }}<a href="{{ .Permalink }}">{{ .LinkTitle }}</a> {{ end }}</p>
{{ .Content }}
</article>
{{ end }}
"#,
    ),
    (
        "layouts/taxonomy.html",
        r#"{{ define "main" }}<h1>{{ .Title }}</h1>
<ul>{{ range .Data.Terms.Alphabetical }}
<li><a href="{{ .Page.Permalink }}">{{ .Page.LinkTitle }}</a> ({{ .Count }})</li>{{ end }}
</ul>
{{ end }}
"#,
    ),
    (
        "layouts/term.html",
        r#"{{ define "title" }}{{ .Title }}{{ end }}
{{ define "main" }}<h1>{{ .Title }}</h1>
<ul>{{ range .Pages }}
<li><a href="{{ .Permalink }}">{{ .Title }}</a> <time>{{ .Date.Format "2006-01-02" }}</time></li>{{ end }}
</ul>
{{ end }}
"#,
    ),
    (
        "layouts/404.html",
        r#"{{ define "main" }}<h1>Not found</h1>{{ end }}
"#,
    ),
];
