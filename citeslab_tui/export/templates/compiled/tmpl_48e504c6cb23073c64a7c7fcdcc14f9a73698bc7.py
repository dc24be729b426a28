from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'bilan.html.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_period = resolve('period')
    l_0_failures = resolve('failures')
    l_0_consolidated = resolve('consolidated')
    l_0_totals = resolve('totals')
    l_0_people = resolve('people')
    l_0_generated = resolve('generated')
    l_0_fig = l_0_span = l_0_label_of = l_0_generic = missing
    try:
        t_1 = environment.filters['day']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'day' found.")
    try:
        t_2 = environment.filters['join']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'join' found.")
    try:
        t_3 = environment.filters['length']
    except KeyError:
        @internalcode
        def t_3(*unused):
            raise TemplateRuntimeError("No filter named 'length' found.")
    try:
        t_4 = environment.filters['list']
    except KeyError:
        @internalcode
        def t_4(*unused):
            raise TemplateRuntimeError("No filter named 'list' found.")
    try:
        t_5 = environment.filters['map']
    except KeyError:
        @internalcode
        def t_5(*unused):
            raise TemplateRuntimeError("No filter named 'map' found.")
    try:
        t_6 = environment.filters['replace']
    except KeyError:
        @internalcode
        def t_6(*unused):
            raise TemplateRuntimeError("No filter named 'replace' found.")
    try:
        t_7 = environment.filters['selectattr']
    except KeyError:
        @internalcode
        def t_7(*unused):
            raise TemplateRuntimeError("No filter named 'selectattr' found.")
    try:
        t_8 = environment.filters['weekday']
    except KeyError:
        @internalcode
        def t_8(*unused):
            raise TemplateRuntimeError("No filter named 'weekday' found.")
    try:
        t_9 = environment.tests['defined']
    except KeyError:
        @internalcode
        def t_9(*unused):
            raise TemplateRuntimeError("No test named 'defined' found.")
    try:
        t_10 = environment.tests['mapping']
    except KeyError:
        @internalcode
        def t_10(*unused):
            raise TemplateRuntimeError("No test named 'mapping' found.")
    try:
        t_11 = environment.tests['none']
    except KeyError:
        @internalcode
        def t_11(*unused):
            raise TemplateRuntimeError("No test named 'none' found.")
    pass
    yield '<!DOCTYPE html>\n<html lang="fr">\n<head>\n<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n<meta name="generator" content="citeslab bilan">\n<title>Bilan CitésLab'
    if (undefined(name='period') if l_0_period is missing else l_0_period):
        pass
        yield ' — du '
        yield escape(t_1(environment.getattr((undefined(name='period') if l_0_period is missing else l_0_period), 'from')))
        yield ' au '
        yield escape(t_1(environment.getattr((undefined(name='period') if l_0_period is missing else l_0_period), 'to')))
    yield '</title>\n<style>\n'
    template = environment.get_template('bilan.css', 'bilan.html.j2')
    gen = template.root_render_func(template.new_context(context.get_all(), True, {'fig': l_0_fig, 'generic': l_0_generic, 'label_of': l_0_label_of, 'span': l_0_span, 'totals': l_0_totals}))
    try:
        for event in gen:
            yield event
    finally: gen.close()
    yield '</style>\n</head>\n<body>'
    def macro(l_1_path, l_1_fmt, l_1_value, l_1_cls):
        t_12 = []
        l_1_FORMATS = resolve('FORMATS')
        if l_1_path is missing:
            l_1_path = undefined("parameter 'path' was not provided", name='path')
        if l_1_fmt is missing:
            l_1_fmt = undefined("parameter 'fmt' was not provided", name='fmt')
        if l_1_value is missing:
            l_1_value = undefined("parameter 'value' was not provided", name='value')
        if l_1_cls is missing:
            l_1_cls = ''
        pass
        t_12.extend((
            '<td class="num',
            escape((markup_join((' ', l_1_cls, )) if l_1_cls else cond_expr_undefined("the inline if-expression on line 17 in 'bilan.html.j2' evaluated to false and no else section was defined."))),
            '" data-figure="',
            escape(l_1_path),
            '" data-format="',
            escape(l_1_fmt),
            '">',
            escape(context.call(environment.getitem((undefined(name='FORMATS') if l_1_FORMATS is missing else l_1_FORMATS), l_1_fmt), l_1_value)),
            '</td>',
        ))
        return concat(t_12)
    context.exported_vars.add('fig')
    context.vars['fig'] = l_0_fig = Macro(environment, macro, 'fig', ('path', 'fmt', 'value', 'cls'), False, False, False, context.eval_ctx.autoescape)
    def macro(l_1_path, l_1_fmt, l_1_value):
        t_13 = []
        l_1_FORMATS = resolve('FORMATS')
        if l_1_path is missing:
            l_1_path = undefined("parameter 'path' was not provided", name='path')
        if l_1_fmt is missing:
            l_1_fmt = undefined("parameter 'fmt' was not provided", name='fmt')
        if l_1_value is missing:
            l_1_value = undefined("parameter 'value' was not provided", name='value')
        pass
        t_13.extend((
            '<span class="fig" data-figure="',
            escape(l_1_path),
            '" data-format="',
            escape(l_1_fmt),
            '">',
            escape(context.call(environment.getitem((undefined(name='FORMATS') if l_1_FORMATS is missing else l_1_FORMATS), l_1_fmt), l_1_value)),
            '</span>',
        ))
        return concat(t_13)
    context.exported_vars.add('span')
    context.vars['span'] = l_0_span = Macro(environment, macro, 'span', ('path', 'fmt', 'value'), False, False, False, context.eval_ctx.autoescape)
    def macro(l_1_kind, l_1_key, l_1_labels):
        t_14 = []
        if l_1_kind is missing:
            l_1_kind = undefined("parameter 'kind' was not provided", name='kind')
        if l_1_key is missing:
            l_1_key = undefined("parameter 'key' was not provided", name='key')
        if l_1_labels is missing:
            l_1_labels = undefined("parameter 'labels' was not provided", name='labels')
        pass
        t_14.append(
            escape(context.call(environment.getattr(context.call(environment.getattr(l_1_labels, 'get'), l_1_kind, {}), 'get'), l_1_key, l_1_key)),
        )
        return concat(t_14)
    context.exported_vars.add('label_of')
    context.vars['label_of'] = l_0_label_of = Macro(environment, macro, 'label_of', ('kind', 'key', 'labels'), False, False, False, context.eval_ctx.autoescape)
    def macro(l_1_tables, l_1_labels):
        t_15 = []
        if l_1_tables is missing:
            l_1_tables = undefined("parameter 'tables' was not provided", name='tables')
        if l_1_labels is missing:
            l_1_labels = undefined("parameter 'labels' was not provided", name='labels')
        pass
        for l_2_t in l_1_tables:
            _loop_vars = {}
            pass
            if environment.getattr(l_2_t, 'title'):
                pass
                t_15.extend((
                    '<h4>',
                    escape(context.call((undefined(name='label_of') if l_0_label_of is missing else l_0_label_of), 'all', environment.getattr(l_2_t, 'title'), l_1_labels, _loop_vars=_loop_vars)),
                    '</h4>',
                ))
            t_15.append(
                '<table class="figures">\n',
            )
            if ('*' not in environment.getattr(l_2_t, 'columns')):
                pass
                t_15.append(
                    '<thead><tr>',
                )
                for l_3_c in environment.getattr(l_2_t, 'columns'):
                    l_3_field_label = resolve('field_label')
                    _loop_vars = {}
                    pass
                    t_15.append(
                        '<th',
                    )
                    if (l_3_c not in ('key', 'sub', 'label')):
                        pass
                        t_15.append(
                            ' class="num"',
                        )
                    t_15.extend((
                        '>',
                        escape((context.call((undefined(name='field_label') if l_3_field_label is missing else l_3_field_label), l_3_c, _loop_vars=_loop_vars) if (l_3_c not in ('key', 'sub')) else '')),
                        '</th>',
                    ))
                l_3_c = l_3_field_label = missing
                t_15.append(
                    '</tr></thead>',
                )
            t_15.append(
                '<tbody>\n',
            )
            for l_3_row in environment.getattr(l_2_t, 'rows'):
                _loop_vars = {}
                pass
                t_15.append(
                    '<tr>',
                )
                for l_4_c in environment.getattr(l_2_t, 'columns'):
                    l_4_field = resolve('field')
                    l_4_fr_value = resolve('fr_value')
                    _loop_vars = {}
                    pass
                    if (l_4_c in ('key', 'sub', 'label')):
                        pass
                        t_15.extend((
                            '<td>',
                            escape(context.call((undefined(name='label_of') if l_0_label_of is missing else l_0_label_of), 'all', context.call(environment.getattr(l_3_row, 'get'), l_4_c, _loop_vars=_loop_vars), l_1_labels, _loop_vars=_loop_vars)),
                            '</td>',
                        ))
                    else:
                        pass
                        l_4_field = (environment.getattr(l_3_row, 'label') if (l_4_c == '*') else l_4_c)
                        _loop_vars['field'] = l_4_field
                        t_15.extend((
                            '<td class="num" data-figure="',
                            escape(environment.getattr(l_3_row, '_path')),
                            '.',
                            escape((undefined(name='field') if l_4_field is missing else l_4_field)),
                            '" data-format="value" data-field="',
                            escape((undefined(name='field') if l_4_field is missing else l_4_field)),
                            '">',
                            escape(context.call((undefined(name='fr_value') if l_4_fr_value is missing else l_4_fr_value), (undefined(name='field') if l_4_field is missing else l_4_field), context.call(environment.getattr(l_3_row, 'get'), (undefined(name='field') if l_4_field is missing else l_4_field), _loop_vars=_loop_vars), _loop_vars=_loop_vars)),
                            '</td>',
                        ))
                l_4_c = l_4_field = l_4_fr_value = missing
                t_15.append(
                    '</tr>\n',
                )
            l_3_row = missing
            t_15.append(
                '</tbody>\n</table>\n',
            )
        l_2_t = missing
        return concat(t_15)
    context.exported_vars.add('generic')
    context.vars['generic'] = l_0_generic = Macro(environment, macro, 'generic', ('tables', 'labels'), False, False, False, context.eval_ctx.autoescape)
    yield '\n'
    l_1_loop = missing
    for l_1_failure, l_1_loop in LoopContext((undefined(name='failures') if l_0_failures is missing else l_0_failures), undefined):
        _loop_vars = {}
        pass
        if environment.getattr(l_1_loop, 'first'):
            pass
            yield '<section class="failures"><h2>Fichiers non lus</h2><ul>'
        yield '<li><strong>'
        yield escape(environment.getattr(l_1_failure, 'file'))
        yield '</strong> : '
        yield escape(environment.getattr(l_1_failure, 'message'))
        yield '</li>\n'
        if environment.getattr(l_1_loop, 'last'):
            pass
            yield '</ul><p class="note">Les autres fichiers sont présentés ci-dessous.</p></section>'
    l_1_loop = l_1_failure = missing
    yield '\n'
    if (undefined(name='consolidated') if l_0_consolidated is missing else l_0_consolidated):
        pass
        l_0_totals = environment.getattr((undefined(name='consolidated') if l_0_consolidated is missing else l_0_consolidated), 'totals')
        context.vars['totals'] = l_0_totals
        context.exported_vars.add('totals')
        yield '<section class="page cover">\n<p class="kicker">Bilan consolidé CitésLab</p>\n<h1>'
        yield escape(t_3((undefined(name='people') if l_0_people is missing else l_0_people)))
        yield ' cheffes et chefs de projet</h1>\n<p class="period">Du '
        yield escape(t_1(environment.getattr((undefined(name='period') if l_0_period is missing else l_0_period), 'from')))
        yield ' au '
        yield escape(t_1(environment.getattr((undefined(name='period') if l_0_period is missing else l_0_period), 'to')))
        yield ' · situation au '
        yield escape(t_1(environment.getattr((undefined(name='period') if l_0_period is missing else l_0_period), 'as_of')))
        yield '</p>\n<h3>Heures réalisées par territoire</h3>\n<table class="figures">\n<thead><tr><th>Territoire</th>'
        for l_1_p in (undefined(name='people') if l_0_people is missing else l_0_people):
            _loop_vars = {}
            pass
            yield '<th class="num">'
            yield escape(environment.getattr(environment.getattr(l_1_p, 'source'), 'label'))
            yield '</th>'
        l_1_p = missing
        yield '<th class="num">Total</th><th class="num">Attendu à date</th><th class="num">Écart</th></tr></thead>\n<tbody>\n'
        for (l_1_code, l_1_t) in context.call(environment.getattr(environment.getattr((undefined(name='totals') if l_0_totals is missing else l_0_totals), 'territories'), 'items')):
            _loop_vars = {}
            pass
            yield '<tr><td>'
            yield escape(l_1_code)
            yield ' '
            yield escape(environment.getattr(l_1_t, 'name'))
            yield '</td>\n'
            for l_2_p in (undefined(name='people') if l_0_people is missing else l_0_people):
                l_2_pt = missing
                _loop_vars = {}
                pass
                l_2_pt = context.call(environment.getattr(environment.getattr(environment.getattr(l_2_p, 'report'), 'territories'), 'get'), l_1_code, _loop_vars=_loop_vars)
                _loop_vars['pt'] = l_2_pt
                if (undefined(name='pt') if l_2_pt is missing else l_2_pt):
                    pass
                    yield escape(context.call((undefined(name='fig') if l_0_fig is missing else l_0_fig), markup_join((environment.getattr(l_2_p, 'prefix'), 'territories.', l_1_code, '.hours_logged', )), 'hours', environment.getattr((undefined(name='pt') if l_2_pt is missing else l_2_pt), 'hours_logged'), _loop_vars=_loop_vars))
                else:
                    pass
                    yield '<td class="num">—</td>'
            l_2_p = l_2_pt = missing
            yield escape(context.call((undefined(name='fig') if l_0_fig is missing else l_0_fig), markup_join(('totals.territories.', l_1_code, '.hours_logged', )), 'hours', environment.getattr(l_1_t, 'hours_logged'), 'total', _loop_vars=_loop_vars))
            yield escape(context.call((undefined(name='fig') if l_0_fig is missing else l_0_fig), markup_join(('totals.territories.', l_1_code, '.hours_expected_to_date', )), 'hours', environment.getattr(l_1_t, 'hours_expected_to_date'), _loop_vars=_loop_vars))
            yield escape(context.call((undefined(name='fig') if l_0_fig is missing else l_0_fig), markup_join(('totals.territories.', l_1_code, '.gap_hours', )), 'signed_h', environment.getattr(l_1_t, 'gap_hours'), _loop_vars=_loop_vars))
            yield '</tr>\n'
        l_1_code = l_1_t = missing
        yield '<tr class="total"><td>Total</td>'
        for l_1_p in (undefined(name='people') if l_0_people is missing else l_0_people):
            _loop_vars = {}
            pass
            yield escape(context.call((undefined(name='fig') if l_0_fig is missing else l_0_fig), markup_join((environment.getattr(l_1_p, 'prefix'), 'hours_logged', )), 'hours', environment.getattr(environment.getattr(l_1_p, 'report'), 'hours_logged'), _loop_vars=_loop_vars))
        l_1_p = missing
        yield escape(context.call((undefined(name='fig') if l_0_fig is missing else l_0_fig), 'totals.hours_logged', 'hours', environment.getattr((undefined(name='totals') if l_0_totals is missing else l_0_totals), 'hours_logged')))
        yield '<td></td><td></td></tr>\n</tbody>\n</table>\n'
        if environment.getattr((undefined(name='consolidated') if l_0_consolidated is missing else l_0_consolidated), 'chart'):
            pass
            yield '<figure class="chart">'
            yield escape(environment.getattr((undefined(name='consolidated') if l_0_consolidated is missing else l_0_consolidated), 'chart'))
            yield '</figure>'
        if environment.getattr((undefined(name='totals') if l_0_totals is missing else l_0_totals), 'livrables'):
            pass
            yield '<h3>Livrables</h3>\n<table class="figures">\n<thead><tr><th>Livrable</th>'
            for l_1_p in (undefined(name='people') if l_0_people is missing else l_0_people):
                _loop_vars = {}
                pass
                yield '<th class="num">'
                yield escape(environment.getattr(environment.getattr(l_1_p, 'source'), 'label'))
                yield '</th>'
            l_1_p = missing
            yield '<th class="num">Total</th><th class="num">Objectif cumulé</th></tr></thead>\n<tbody>\n'
            l_1_loop = missing
            for (l_1_key, l_1_lv), l_1_loop in LoopContext(context.call(environment.getattr(environment.getattr((undefined(name='totals') if l_0_totals is missing else l_0_totals), 'livrables'), 'items')), undefined):
                _loop_vars = {}
                pass
                yield '<tr><td>'
                yield escape(environment.getattr(l_1_lv, 'label'))
                if ((environment.getattr(l_1_lv, 'kind') == 'qpv_share') and (not t_11(context.call(environment.getattr(l_1_lv, 'get'), 'denominator', _loop_vars=_loop_vars)))):
                    pass
                    yield '<br><span class="note">tous fichiers : '
                    yield escape(context.call((undefined(name='span') if l_0_span is missing else l_0_span), markup_join(('totals.livrables.', l_1_key, '.numerator', )), 'count', environment.getattr(l_1_lv, 'numerator'), _loop_vars=_loop_vars))
                    yield ' sur '
                    yield escape(context.call((undefined(name='span') if l_0_span is missing else l_0_span), markup_join(('totals.livrables.', l_1_key, '.denominator', )), 'count', environment.getattr(l_1_lv, 'denominator'), _loop_vars=_loop_vars))
                    yield ' (somme des numérateurs ÷ somme des dénominateurs)</span>'
                yield '</td>\n'
                l_2_loop = missing
                for l_2_p, l_2_loop in LoopContext((undefined(name='people') if l_0_people is missing else l_0_people), undefined):
                    l_2_namespace = resolve('namespace')
                    l_2_ns = missing
                    _loop_vars = {}
                    pass
                    l_2_ns = context.call((undefined(name='namespace') if l_2_namespace is missing else l_2_namespace), i=None, _loop_vars=_loop_vars)
                    _loop_vars['ns'] = l_2_ns
                    l_3_loop = missing
                    for l_3_mine, l_3_loop in LoopContext(environment.getattr(environment.getattr(l_2_p, 'report'), 'livrables'), undefined):
                        _loop_vars = {}
                        pass
                        if ((environment.getattr(l_3_mine, 'key') == l_1_key) and t_11(environment.getattr((undefined(name='ns') if l_2_ns is missing else l_2_ns), 'i'))):
                            pass
                            if not isinstance(l_2_ns, Namespace):
                                raise TemplateRuntimeError("cannot assign attribute on non-namespace object")
                            l_2_ns['i'] = environment.getattr(l_3_loop, 'index0')
                    l_3_loop = l_3_mine = missing
                    if t_11(environment.getattr((undefined(name='ns') if l_2_ns is missing else l_2_ns), 'i')):
                        pass
                        yield '<td class="num">—</td>'
                    else:
                        pass
                        yield escape(context.call((undefined(name='fig') if l_0_fig is missing else l_0_fig), markup_join((environment.getattr(l_2_p, 'prefix'), 'livrables.', environment.getattr((undefined(name='ns') if l_2_ns is missing else l_2_ns), 'i'), '.actual', )), ('pct0' if (environment.getattr(l_1_lv, 'kind') == 'qpv_share') else 'count'), environment.getattr(environment.getitem(environment.getattr(environment.getattr(l_2_p, 'report'), 'livrables'), environment.getattr((undefined(name='ns') if l_2_ns is missing else l_2_ns), 'i')), 'actual'), _loop_vars=_loop_vars))
                l_2_loop = l_2_p = l_2_namespace = l_2_ns = missing
                if (environment.getattr(l_1_lv, 'kind') == 'qpv_share'):
                    pass
                    yield escape(context.call((undefined(name='fig') if l_0_fig is missing else l_0_fig), markup_join(('totals.livrables.', l_1_key, '.actual', )), 'pct0', context.call(environment.getattr(l_1_lv, 'get'), 'actual', _loop_vars=_loop_vars), 'total', _loop_vars=_loop_vars))
                    yield '<td class="num">—</td>\n'
                else:
                    pass
                    yield escape(context.call((undefined(name='fig') if l_0_fig is missing else l_0_fig), markup_join(('totals.livrables.', l_1_key, '.actual', )), 'count', context.call(environment.getattr(l_1_lv, 'get'), 'actual', _loop_vars=_loop_vars), 'total', _loop_vars=_loop_vars))
                    yield escape(context.call((undefined(name='fig') if l_0_fig is missing else l_0_fig), markup_join(('totals.livrables.', l_1_key, '.target', )), 'count', context.call(environment.getattr(l_1_lv, 'get'), 'target', _loop_vars=_loop_vars), _loop_vars=_loop_vars))
                yield '</tr>\n'
            l_1_loop = l_1_key = l_1_lv = missing
            yield '</tbody>\n</table>\n'
        if context.call(environment.getattr((undefined(name='totals') if l_0_totals is missing else l_0_totals), 'get'), 'days_to_check'):
            pass
            yield '<p>Jours à vérifier (<code>citeslab check</code>), tous fichiers : '
            yield escape(context.call((undefined(name='span') if l_0_span is missing else l_0_span), 'totals.days_to_check', 'count', environment.getattr((undefined(name='totals') if l_0_totals is missing else l_0_totals), 'days_to_check')))
            yield '.</p>'
        yield "<p>Part des porteurs accompagnés issus d'un QPV, tous fichiers : <strong>"
        yield escape(context.call((undefined(name='span') if l_0_span is missing else l_0_span), 'totals.qpv_share.share', 'pct', environment.getattr(environment.getattr((undefined(name='totals') if l_0_totals is missing else l_0_totals), 'qpv_share'), 'share')))
        yield '</strong> ('
        yield escape(context.call((undefined(name='span') if l_0_span is missing else l_0_span), 'totals.qpv_share.numerator', 'count', environment.getattr(environment.getattr((undefined(name='totals') if l_0_totals is missing else l_0_totals), 'qpv_share'), 'numerator')))
        yield ' sur '
        yield escape(context.call((undefined(name='span') if l_0_span is missing else l_0_span), 'totals.qpv_share.denominator', 'count', environment.getattr(environment.getattr((undefined(name='totals') if l_0_totals is missing else l_0_totals), 'qpv_share'), 'denominator')))
        yield ').</p>\n<p class="note">Chaque colonne reprend le rapport de la personne (<code>citeslab report --json</code>) ; les totaux en sont la somme. Le détail de chacun suit.</p>\n</section>\n'
    yield '\n'
    l_1_loop = missing
    for l_1_p, l_1_loop in LoopContext((undefined(name='people') if l_0_people is missing else l_0_people), undefined):
        l_1_DAYS_LISTED = resolve('DAYS_LISTED')
        l_1_grouped = resolve('grouped')
        l_1_r = l_1_s = l_1_h = l_1_pre = l_1_dc = l_1_shares = l_1_q = l_1_qn = l_1_qd = l_1_qs = l_1_orient_key = l_1_orient = missing
        _loop_vars = {}
        pass
        l_1_r = environment.getattr(l_1_p, 'report')
        _loop_vars['r'] = l_1_r
        l_1_s = environment.getattr(l_1_p, 'source')
        _loop_vars['s'] = l_1_s
        l_1_h = environment.getattr((undefined(name='s') if l_1_s is missing else l_1_s), 'header')
        _loop_vars['h'] = l_1_h
        l_1_pre = environment.getattr(l_1_p, 'prefix')
        _loop_vars['pre'] = l_1_pre
        yield '<section class="page cover">\n<p class="kicker">Bilan d\'activité CitésLab</p>\n<h1>'
        yield escape((environment.getattr((undefined(name='h') if l_1_h is missing else l_1_h), 'name') or 'CitésLab'))
        yield '</h1>\n<table class="ident">\n'
        if environment.getattr((undefined(name='h') if l_1_h is missing else l_1_h), 'structure'):
            pass
            yield '<tr><th>Structure</th><td>'
            yield escape(environment.getattr((undefined(name='h') if l_1_h is missing else l_1_h), 'structure'))
            yield '</td></tr>'
        yield '<tr><th>Cheffe / chef de projet</th><td>'
        yield escape((environment.getattr((undefined(name='h') if l_1_h is missing else l_1_h), 'person') or 'non renseigné dans la configuration'))
        yield '</td></tr>\n<tr><th>Période</th><td>du '
        yield escape(t_1(environment.getattr(environment.getattr((undefined(name='r') if l_1_r is missing else l_1_r), 'period'), 'from')))
        yield ' au '
        yield escape(t_1(environment.getattr(environment.getattr((undefined(name='r') if l_1_r is missing else l_1_r), 'period'), 'to')))
        if environment.getattr((undefined(name='r') if l_1_r is missing else l_1_r), 'territory'):
            pass
            yield ' · territoire '
            yield escape(environment.getattr((undefined(name='r') if l_1_r is missing else l_1_r), 'territory'))
        yield '</td></tr>\n<tr><th>Situation au</th><td>'
        yield escape(t_1(environment.getattr(environment.getattr((undefined(name='r') if l_1_r is missing else l_1_r), 'period'), 'as_of')))
        yield ' ('
        yield escape(context.call((undefined(name='span') if l_0_span is missing else l_0_span), markup_join(((undefined(name='pre') if l_1_pre is missing else l_1_pre), 'working_days.elapsed', )), 'count', environment.getattr(environment.getattr((undefined(name='r') if l_1_r is missing else l_1_r), 'working_days'), 'elapsed'), _loop_vars=_loop_vars))
        yield ' jours ouvrés sur '
        yield escape(context.call((undefined(name='span') if l_0_span is missing else l_0_span), markup_join(((undefined(name='pre') if l_1_pre is missing else l_1_pre), 'working_days.period', )), 'count', environment.getattr(environment.getattr((undefined(name='r') if l_1_r is missing else l_1_r), 'working_days'), 'period'), _loop_vars=_loop_vars))
        yield ')</td></tr>\n<tr><th>Convention(s)</th><td>'
        l_2_loop = missing
        t_16 = 1
        for l_2_c, l_2_loop in LoopContext(environment.getattr((undefined(name='h') if l_1_h is missing else l_1_h), 'conventions'), undefined):
            _loop_vars = {}
            pass
            yield escape(environment.getattr(l_2_c, 'label'))
            yield ' (du '
            yield escape(t_1(environment.getattr(l_2_c, 'from')))
            yield ' au '
            yield escape(t_1(environment.getattr(l_2_c, 'to')))
            yield ')'
            if environment.getattr(l_2_c, 'parties'):
                pass
                yield ' — '
                yield escape(t_2(context.eval_ctx, environment.getattr(l_2_c, 'parties'), ', '))
            if (not environment.getattr(l_2_loop, 'last')):
                pass
                yield '<br>'
            t_16 = 0
        l_2_loop = l_2_c = missing
        if t_16:
            pass
            yield 'aucune sur la période'
        yield '</td></tr>\n<tr><th>Fichier de données</th><td>'
        yield escape(environment.getattr((undefined(name='s') if l_1_s is missing else l_1_s), 'file'))
        yield '</td></tr>\n</table>\n<div class="funders">\n<p class="funders-title">Avec le soutien de</p>\n<ul>'
        for l_2_f in environment.getattr((undefined(name='h') if l_1_h is missing else l_1_h), 'funders'):
            _loop_vars = {}
            pass
            yield '<li>'
            yield escape(l_2_f)
            yield '</li>'
        l_2_f = missing
        yield "</ul>\n</div>\n<h2>Points d'attention</h2>\n"
        if environment.getattr(l_1_p, 'attention'):
            pass
            yield '<ul class="attention">'
            for l_2_point in environment.getattr(l_1_p, 'attention'):
                _loop_vars = {}
                pass
                yield '<li>'
                yield escape(l_2_point)
                yield '</li>'
            l_2_point = missing
            yield '</ul>\n'
        else:
            pass
            yield "<p>Aucun point d'attention : territoires, piliers et livrables sont dans les seuils.</p>\n"
        yield '<p class="note">Seuils : un territoire à plus de 10 points sous sa part allouée (ou 10 % sous ses heures attendues à date), un livrable en retard, un pilier à plus de 10 points de la répartition indicative ; les jours à vérifier sont ceux que signale <code>citeslab check</code> (journée au-delà du maximum de la configuration, plages qui se chevauchent, week-end, jour férié, date future).</p>\n<h2>Synthèse</h2>\n<table class="figures">\n<tr><td>Heures réalisées</td>'
        yield escape(context.call((undefined(name='fig') if l_0_fig is missing else l_0_fig), markup_join(((undefined(name='pre') if l_1_pre is missing else l_1_pre), 'hours_logged', )), 'hours', environment.getattr((undefined(name='r') if l_1_r is missing else l_1_r), 'hours_logged'), _loop_vars=_loop_vars))
        yield '</tr>\n<tr><td>Heures attendues à date</td>'
        yield escape(context.call((undefined(name='fig') if l_0_fig is missing else l_0_fig), markup_join(((undefined(name='pre') if l_1_pre is missing else l_1_pre), 'hours_expected_to_date', )), 'hours', environment.getattr((undefined(name='r') if l_1_r is missing else l_1_r), 'hours_expected_to_date'), _loop_vars=_loop_vars))
        yield '</tr>\n<tr><td>Heures attendues sur la période</td>'
        yield escape(context.call((undefined(name='fig') if l_0_fig is missing else l_0_fig), markup_join(((undefined(name='pre') if l_1_pre is missing else l_1_pre), 'hours_expected_year', )), 'hours', environment.getattr((undefined(name='r') if l_1_r is missing else l_1_r), 'hours_expected_year'), _loop_vars=_loop_vars))
        yield '</tr>\n'
        if t_9(environment.getattr((undefined(name='r') if l_1_r is missing else l_1_r), 'absences')):
            pass
            yield '<tr><td>Absences (congés, maladie…), hors piliers</td>'
            yield escape(context.call((undefined(name='fig') if l_0_fig is missing else l_0_fig), markup_join(((undefined(name='pre') if l_1_pre is missing else l_1_pre), 'absences.hours', )), 'hours', environment.getattr(environment.getattr((undefined(name='r') if l_1_r is missing else l_1_r), 'absences'), 'hours'), _loop_vars=_loop_vars))
            yield '</tr>'
        yield '</table>\n'
        if t_9(environment.getattr((undefined(name='r') if l_1_r is missing else l_1_r), 'absences')):
            pass
            yield '<p class="note">Les absences réduisent les heures attendues de chaque territoire au prorata de son allocation ce jour-là.</p>'
        l_1_dc = (context.call(environment.getattr((undefined(name='r') if l_1_r is missing else l_1_r), 'get'), 'days_to_check', _loop_vars=_loop_vars) or {})
        _loop_vars['dc'] = l_1_dc
        if context.call(environment.getattr((undefined(name='dc') if l_1_dc is missing else l_1_dc), 'get'), 'count', _loop_vars=_loop_vars):
            pass
            yield '<h3>Jours à vérifier : '
            yield escape(context.call((undefined(name='span') if l_0_span is missing else l_0_span), markup_join(((undefined(name='pre') if l_1_pre is missing else l_1_pre), 'days_to_check.count', )), 'count', environment.getattr((undefined(name='dc') if l_1_dc is missing else l_1_dc), 'count'), _loop_vars=_loop_vars))
            yield '</h3>\n<table class="figures compact">\n<thead><tr><th>Jour</th><th class="num">Heures saisies</th><th>À vérifier</th></tr></thead>\n<tbody>\n'
            l_2_loop = missing
            for l_2_d, l_2_loop in LoopContext(environment.getattr((undefined(name='dc') if l_1_dc is missing else l_1_dc), 'days')[:(undefined(name='DAYS_LISTED') if l_1_DAYS_LISTED is missing else l_1_DAYS_LISTED)], undefined):
                _loop_vars = {}
                pass
                yield '<tr><td>'
                yield escape(t_8(environment.getattr(l_2_d, 'date')))
                yield '</td>'
                yield escape(context.call((undefined(name='fig') if l_0_fig is missing else l_0_fig), markup_join(((undefined(name='pre') if l_1_pre is missing else l_1_pre), 'days_to_check.days.', environment.getattr(l_2_loop, 'index0'), '.hours', )), 'hours', environment.getattr(l_2_d, 'hours'), _loop_vars=_loop_vars))
                yield '<td>'
                yield escape(t_2(context.eval_ctx, t_5(context, environment.getattr(l_2_d, 'reasons'), 'reason'), ', '))
                yield '</td></tr>\n'
            l_2_loop = l_2_d = missing
            yield '</tbody>\n</table>\n'
            if (environment.getattr((undefined(name='dc') if l_1_dc is missing else l_1_dc), 'count') > (undefined(name='DAYS_LISTED') if l_1_DAYS_LISTED is missing else l_1_DAYS_LISTED)):
                pass
                yield '<p class="note">Les '
                yield escape((undefined(name='DAYS_LISTED') if l_1_DAYS_LISTED is missing else l_1_DAYS_LISTED))
                yield ' premiers sur '
                yield escape(environment.getattr((undefined(name='dc') if l_1_dc is missing else l_1_dc), 'count'))
                yield ' ; <code>citeslab check</code> les liste tous.</p>'
        yield '</section>\n\n<section class="page">\n<h2>Temps par territoire</h2>\n'
        l_1_shares = t_4(context.eval_ctx, t_7(context, context.call(environment.getattr(environment.getattr((undefined(name='r') if l_1_r is missing else l_1_r), 'territories'), 'values'), _loop_vars=_loop_vars), 'share', 'defined'))
        _loop_vars['shares'] = l_1_shares
        yield '<table class="figures">\n<thead><tr><th>Territoire</th><th class="num">ETP</th><th class="num">Réalisé</th><th class="num">Attendu à date</th><th class="num">Écart</th><th class="num">Écart (jours)</th><th class="num">Attendu période</th>'
        if (undefined(name='shares') if l_1_shares is missing else l_1_shares):
            pass
            yield '<th class="num">Part</th><th class="num">Allouée</th>'
        yield '</tr></thead>\n<tbody>\n'
        for (l_2_code, l_2_t) in context.call(environment.getattr(environment.getattr((undefined(name='r') if l_1_r is missing else l_1_r), 'territories'), 'items'), _loop_vars=_loop_vars):
            l_2_tp = missing
            _loop_vars = {}
            pass
            l_2_tp = markup_join(((undefined(name='pre') if l_1_pre is missing else l_1_pre), 'territories.', l_2_code, '.', ))
            _loop_vars['tp'] = l_2_tp
            yield '<tr><td><strong>'
            yield escape(l_2_code)
            yield '</strong><br><span class="note">'
            yield escape(environment.getattr(l_2_t, 'name'))
            yield '</span></td>'
            yield escape(context.call((undefined(name='fig') if l_0_fig is missing else l_0_fig), markup_join(((undefined(name='tp') if l_2_tp is missing else l_2_tp), 'etp', )), 'num', environment.getattr(l_2_t, 'etp'), _loop_vars=_loop_vars))
            yield escape(context.call((undefined(name='fig') if l_0_fig is missing else l_0_fig), markup_join(((undefined(name='tp') if l_2_tp is missing else l_2_tp), 'hours_logged', )), 'hours', environment.getattr(l_2_t, 'hours_logged'), _loop_vars=_loop_vars))
            yield escape(context.call((undefined(name='fig') if l_0_fig is missing else l_0_fig), markup_join(((undefined(name='tp') if l_2_tp is missing else l_2_tp), 'hours_expected_to_date', )), 'hours', environment.getattr(l_2_t, 'hours_expected_to_date'), _loop_vars=_loop_vars))
            yield escape(context.call((undefined(name='fig') if l_0_fig is missing else l_0_fig), markup_join(((undefined(name='tp') if l_2_tp is missing else l_2_tp), 'gap_hours', )), 'signed_h', environment.getattr(l_2_t, 'gap_hours'), ('neg' if (environment.getattr(l_2_t, 'gap_hours') < 0) else 'pos'), _loop_vars=_loop_vars))
            yield escape(context.call((undefined(name='fig') if l_0_fig is missing else l_0_fig), markup_join(((undefined(name='tp') if l_2_tp is missing else l_2_tp), 'gap_days', )), 'signed', environment.getattr(l_2_t, 'gap_days'), _loop_vars=_loop_vars))
            yield escape(context.call((undefined(name='fig') if l_0_fig is missing else l_0_fig), markup_join(((undefined(name='tp') if l_2_tp is missing else l_2_tp), 'hours_expected_year', )), 'hours', environment.getattr(l_2_t, 'hours_expected_year'), _loop_vars=_loop_vars))
            if (undefined(name='shares') if l_1_shares is missing else l_1_shares):
                pass
                yield escape(context.call((undefined(name='fig') if l_0_fig is missing else l_0_fig), markup_join(((undefined(name='tp') if l_2_tp is missing else l_2_tp), 'share', )), 'pct0', context.call(environment.getattr(l_2_t, 'get'), 'share', _loop_vars=_loop_vars), _loop_vars=_loop_vars))
                yield escape(context.call((undefined(name='fig') if l_0_fig is missing else l_0_fig), markup_join(((undefined(name='tp') if l_2_tp is missing else l_2_tp), 'target_share', )), 'pct0', context.call(environment.getattr(l_2_t, 'get'), 'target_share', _loop_vars=_loop_vars), _loop_vars=_loop_vars))
            yield '</tr>\n'
        l_2_code = l_2_t = l_2_tp = missing
        yield '</tbody>\n</table>\n'
        if environment.getattr(environment.getattr(l_1_p, 'charts'), 'territories'):
            pass
            yield '<figure class="chart">'
            yield escape(environment.getattr(environment.getattr(l_1_p, 'charts'), 'territories'))
            yield '</figure>'
        if environment.getattr(environment.getattr(l_1_p, 'charts'), 'shares'):
            pass
            yield '<figure class="chart">'
            yield escape(environment.getattr(environment.getattr(l_1_p, 'charts'), 'shares'))
            yield '</figure>'
        yield '<p class="note">Attendu = ETP × heures annuelles × jours ouvrés écoulés ÷ jours ouvrés de l\'année.</p>\n</section>\n\n'
        if environment.getattr((undefined(name='s') if l_1_s is missing else l_1_s), 'months'):
            pass
            yield '<section class="page">\n<h2>Heures par mois</h2>\n'
            if environment.getattr(environment.getattr(l_1_p, 'charts'), 'months'):
                pass
                yield '<figure class="chart">'
                yield escape(environment.getattr(environment.getattr(l_1_p, 'charts'), 'months'))
                yield '</figure>'
            yield '<table class="figures compact">\n<thead><tr><th>Mois</th><th class="num">Réalisé</th><th class="num">Attendu</th></tr></thead>\n<tbody>\n'
            l_2_loop = missing
            for (l_2_first, l_2_m), l_2_loop in LoopContext(environment.getattr((undefined(name='s') if l_1_s is missing else l_1_s), 'months'), undefined):
                _loop_vars = {}
                pass
                yield '<tr><td>'
                yield escape(context.call(environment.getattr(l_2_first, 'strftime'), '%m/%Y', _loop_vars=_loop_vars))
                yield '</td>'
                yield escape(context.call((undefined(name='fig') if l_0_fig is missing else l_0_fig), markup_join((environment.getattr(l_1_p, 'months_prefix'), environment.getattr(l_2_loop, 'index0'), '.hours_logged', )), 'hours', environment.getattr(l_2_m, 'hours_logged'), _loop_vars=_loop_vars))
                yield escape(context.call((undefined(name='fig') if l_0_fig is missing else l_0_fig), markup_join((environment.getattr(l_1_p, 'months_prefix'), environment.getattr(l_2_loop, 'index0'), '.hours_expected_year', )), 'hours', environment.getattr(l_2_m, 'hours_expected_year'), _loop_vars=_loop_vars))
                yield '</tr>\n'
            l_2_loop = l_2_first = l_2_m = missing
            yield '</tbody>\n</table>\n<p class="note">Chaque mois est le rapport de ce mois (<code>citeslab report --from … --to …</code>) ; l\'attendu compte ses jours ouvrés.</p>\n</section>\n'
        yield '\n<section class="page">\n<h2>Répartition par pilier</h2>\n<table class="figures">\n<thead><tr><th>Pilier</th><th class="num">Heures</th><th class="num">Part</th><th class="num">Indicatif</th><th class="num">Écart (points)</th></tr></thead>\n<tbody>\n'
        for (l_2_key, l_2_pl) in context.call(environment.getattr(environment.getattr((undefined(name='r') if l_1_r is missing else l_1_r), 'pillars'), 'items'), _loop_vars=_loop_vars):
            l_2_pp = missing
            _loop_vars = {}
            pass
            l_2_pp = markup_join(((undefined(name='pre') if l_1_pre is missing else l_1_pre), 'pillars.', l_2_key, '.', ))
            _loop_vars['pp'] = l_2_pp
            yield '<tr><td>'
            yield escape(environment.getattr(l_2_pl, 'label'))
            yield '</td>'
            yield escape(context.call((undefined(name='fig') if l_0_fig is missing else l_0_fig), markup_join(((undefined(name='pp') if l_2_pp is missing else l_2_pp), 'hours', )), 'hours', environment.getattr(l_2_pl, 'hours'), _loop_vars=_loop_vars))
            yield escape(context.call((undefined(name='fig') if l_0_fig is missing else l_0_fig), markup_join(((undefined(name='pp') if l_2_pp is missing else l_2_pp), 'share', )), 'pct', environment.getattr(l_2_pl, 'share'), _loop_vars=_loop_vars))
            yield escape(context.call((undefined(name='fig') if l_0_fig is missing else l_0_fig), markup_join(((undefined(name='pp') if l_2_pp is missing else l_2_pp), 'target_share', )), 'pct0', environment.getattr(l_2_pl, 'target_share'), _loop_vars=_loop_vars))
            yield escape(context.call((undefined(name='fig') if l_0_fig is missing else l_0_fig), markup_join(((undefined(name='pp') if l_2_pp is missing else l_2_pp), 'drift_points', )), 'signed', environment.getattr(l_2_pl, 'drift_points'), _loop_vars=_loop_vars))
            yield '</tr>\n'
        l_2_key = l_2_pl = l_2_pp = missing
        yield '</tbody>\n</table>\n'
        if environment.getattr(environment.getattr(l_1_p, 'charts'), 'pillars'):
            pass
            yield '<figure class="chart">'
            yield escape(environment.getattr(environment.getattr(l_1_p, 'charts'), 'pillars'))
            yield '</figure>'
        yield '<p class="note">Répartition indicative du cahier des charges : 30 % prospection, 30 % préparation / orientation, 30 % animation, 10 % référent de parcours.</p>\n</section>\n\n'
        if environment.getattr((undefined(name='r') if l_1_r is missing else l_1_r), 'livrables'):
            pass
            yield '<section class="page">\n<h2>Livrables</h2>\n<table class="figures">\n<thead><tr><th>Livrable</th><th class="num">Objectif</th><th class="num">Réalisé</th><th class="num">Attendu à date</th><th class="num">Projection</th><th>Statut</th></tr></thead>\n<tbody>\n'
            l_2_loop = missing
            for l_2_lv, l_2_loop in LoopContext(environment.getattr((undefined(name='r') if l_1_r is missing else l_1_r), 'livrables'), undefined):
                l_2_lp = missing
                _loop_vars = {}
                pass
                l_2_lp = markup_join(((undefined(name='pre') if l_1_pre is missing else l_1_pre), 'livrables.', environment.getattr(l_2_loop, 'index0'), '.', ))
                _loop_vars['lp'] = l_2_lp
                yield '<tr><td>'
                yield escape(environment.getattr(l_2_lv, 'label'))
                if environment.getattr(l_2_lv, 'territory'):
                    pass
                    yield ' ('
                    yield escape(environment.getattr(l_2_lv, 'territory'))
                    yield ')'
                if (not t_11(context.call(environment.getattr(l_2_lv, 'get'), 'denominator', _loop_vars=_loop_vars))):
                    pass
                    yield '<br><span class="note">'
                    yield escape(context.call((undefined(name='span') if l_0_span is missing else l_0_span), markup_join(((undefined(name='lp') if l_2_lp is missing else l_2_lp), 'numerator', )), 'count', environment.getattr(l_2_lv, 'numerator'), _loop_vars=_loop_vars))
                    yield ' sur '
                    yield escape(context.call((undefined(name='span') if l_0_span is missing else l_0_span), markup_join(((undefined(name='lp') if l_2_lp is missing else l_2_lp), 'denominator', )), 'count', environment.getattr(l_2_lv, 'denominator'), _loop_vars=_loop_vars))
                    yield '</span>'
                if context.call(environment.getattr(l_2_lv, 'get'), 'target_rule', _loop_vars=_loop_vars):
                    pass
                    yield '<br><span class="note">'
                    yield escape(environment.getattr(l_2_lv, 'target_rule'))
                    yield '</span>'
                yield '</td>\n'
                if (environment.getattr(l_2_lv, 'kind') == 'qpv_share'):
                    pass
                    yield escape(context.call((undefined(name='fig') if l_0_fig is missing else l_0_fig), markup_join(((undefined(name='lp') if l_2_lp is missing else l_2_lp), 'target', )), 'pct0', environment.getattr(l_2_lv, 'target'), _loop_vars=_loop_vars))
                    yield escape(context.call((undefined(name='fig') if l_0_fig is missing else l_0_fig), markup_join(((undefined(name='lp') if l_2_lp is missing else l_2_lp), 'actual', )), 'pct0', environment.getattr(l_2_lv, 'actual'), _loop_vars=_loop_vars))
                    yield '<td class="num">—</td><td class="num">—</td>\n'
                else:
                    pass
                    yield escape(context.call((undefined(name='fig') if l_0_fig is missing else l_0_fig), markup_join(((undefined(name='lp') if l_2_lp is missing else l_2_lp), 'target', )), 'count', environment.getattr(l_2_lv, 'target'), _loop_vars=_loop_vars))
                    yield escape(context.call((undefined(name='fig') if l_0_fig is missing else l_0_fig), markup_join(((undefined(name='lp') if l_2_lp is missing else l_2_lp), 'actual', )), 'count', environment.getattr(l_2_lv, 'actual'), _loop_vars=_loop_vars))
                    yield escape(context.call((undefined(name='fig') if l_0_fig is missing else l_0_fig), markup_join(((undefined(name='lp') if l_2_lp is missing else l_2_lp), 'expected_to_date', )), 'count', environment.getattr(l_2_lv, 'expected_to_date'), _loop_vars=_loop_vars))
                    yield escape(context.call((undefined(name='fig') if l_0_fig is missing else l_0_fig), markup_join(((undefined(name='lp') if l_2_lp is missing else l_2_lp), 'projection', )), 'count', environment.getattr(l_2_lv, 'projection'), _loop_vars=_loop_vars))
                yield '<td class="status '
                yield escape(t_6(context.eval_ctx, (environment.getattr(l_2_lv, 'status') or ''), ' ', '-'))
                yield '">'
                yield escape((environment.getattr(l_2_lv, 'status') or '—'))
                yield '</td></tr>\n'
            l_2_loop = l_2_lv = l_2_lp = missing
            yield '</tbody>\n</table>\n'
            if environment.getattr(environment.getattr(l_1_p, 'charts'), 'livrables'):
                pass
                yield '<figure class="chart">'
                yield escape(environment.getattr(environment.getattr(l_1_p, 'charts'), 'livrables'))
                yield '</figure>'
            if (t_9(environment.getattr((undefined(name='r') if l_1_r is missing else l_1_r), 'governance')) and environment.getattr((undefined(name='r') if l_1_r is missing else l_1_r), 'governance')):
                pass
                yield '<h3>Gouvernance</h3>\n'
                if t_10(environment.getattr((undefined(name='r') if l_1_r is missing else l_1_r), 'governance')):
                    pass
                    yield escape(context.call((undefined(name='generic') if l_0_generic is missing else l_0_generic), context.call((undefined(name='grouped') if l_1_grouped is missing else l_1_grouped), environment.getattr((undefined(name='r') if l_1_r is missing else l_1_r), 'governance'), markup_join(((undefined(name='pre') if l_1_pre is missing else l_1_pre), 'governance', )), _loop_vars=_loop_vars), environment.getattr(l_1_p, 'labels'), _loop_vars=_loop_vars))
                else:
                    pass
                    yield '<table class="figures">\n<thead><tr><th>Comité</th><th class="num">Tenus</th><th class="num">Objectif</th><th>Statut</th><th>Cadence</th></tr></thead>\n<tbody>\n'
                    l_2_loop = missing
                    for l_2_g, l_2_loop in LoopContext(environment.getattr((undefined(name='r') if l_1_r is missing else l_1_r), 'governance'), undefined):
                        l_2_gp = missing
                        _loop_vars = {}
                        pass
                        l_2_gp = markup_join(((undefined(name='pre') if l_1_pre is missing else l_1_pre), 'governance.', environment.getattr(l_2_loop, 'index0'), '.', ))
                        _loop_vars['gp'] = l_2_gp
                        yield '<tr><td>'
                        yield escape(environment.getattr(l_2_g, 'label'))
                        if context.call(environment.getattr(l_2_g, 'get'), 'overdue', _loop_vars=_loop_vars):
                            pass
                            yield '<br><span class="note">prochain attendu : '
                            yield escape(t_1(environment.getattr(l_2_g, 'next_due')))
                            yield '</span>'
                        yield '</td>'
                        yield escape(context.call((undefined(name='fig') if l_0_fig is missing else l_0_fig), markup_join(((undefined(name='gp') if l_2_gp is missing else l_2_gp), 'held', )), 'count', context.call(environment.getattr(l_2_g, 'get'), 'held', _loop_vars=_loop_vars), _loop_vars=_loop_vars))
                        yield escape(context.call((undefined(name='fig') if l_0_fig is missing else l_0_fig), markup_join(((undefined(name='gp') if l_2_gp is missing else l_2_gp), 'target', )), 'count', context.call(environment.getattr(l_2_g, 'get'), 'target', _loop_vars=_loop_vars), _loop_vars=_loop_vars))
                        yield '<td class="status '
                        yield escape(t_6(context.eval_ctx, (context.call(environment.getattr(l_2_g, 'get'), 'status', _loop_vars=_loop_vars) or ''), ' ', '-'))
                        yield '">'
                        yield escape((context.call(environment.getattr(l_2_g, 'get'), 'status', _loop_vars=_loop_vars) or '—'))
                        yield '</td><td class="note">'
                        yield escape((context.call(environment.getattr(l_2_g, 'get'), 'cadence', _loop_vars=_loop_vars) or ''))
                        yield '</td></tr>\n'
                    l_2_loop = l_2_g = l_2_gp = missing
                    yield '</tbody>\n</table>\n'
            yield '</section>\n'
        yield '\n<section class="page">\n<h2>Porteurs de projet</h2>\n'
        l_1_q = environment.getattr((undefined(name='r') if l_1_r is missing else l_1_r), 'qpv_share')
        _loop_vars['q'] = l_1_q
        l_1_qn = ('numerator' if ('numerator' in (undefined(name='q') if l_1_q is missing else l_1_q)) else 'qpv_residents')
        _loop_vars['qn'] = l_1_qn
        l_1_qd = ('denominator' if ('denominator' in (undefined(name='q') if l_1_q is missing else l_1_q)) else 'accompanied')
        _loop_vars['qd'] = l_1_qd
        l_1_qs = ('share' if ('share' in (undefined(name='q') if l_1_q is missing else l_1_q)) else 'actual')
        _loop_vars['qs'] = l_1_qs
        yield "<p>Part des porteurs accompagnés issus d'un QPV : <strong>"
        yield escape(context.call((undefined(name='span') if l_0_span is missing else l_0_span), markup_join(((undefined(name='pre') if l_1_pre is missing else l_1_pre), 'qpv_share.', (undefined(name='qs') if l_1_qs is missing else l_1_qs), )), 'pct', environment.getitem((undefined(name='q') if l_1_q is missing else l_1_q), (undefined(name='qs') if l_1_qs is missing else l_1_qs)), _loop_vars=_loop_vars))
        yield '</strong>\n('
        yield escape(context.call((undefined(name='span') if l_0_span is missing else l_0_span), markup_join(((undefined(name='pre') if l_1_pre is missing else l_1_pre), 'qpv_share.', (undefined(name='qn') if l_1_qn is missing else l_1_qn), )), 'count', environment.getitem((undefined(name='q') if l_1_q is missing else l_1_q), (undefined(name='qn') if l_1_qn is missing else l_1_qn)), _loop_vars=_loop_vars))
        yield ' sur '
        yield escape(context.call((undefined(name='span') if l_0_span is missing else l_0_span), markup_join(((undefined(name='pre') if l_1_pre is missing else l_1_pre), 'qpv_share.', (undefined(name='qd') if l_1_qd is missing else l_1_qd), )), 'count', environment.getitem((undefined(name='q') if l_1_q is missing else l_1_q), (undefined(name='qd') if l_1_qd is missing else l_1_qd)), _loop_vars=_loop_vars))
        yield ')'
        if (not t_11(environment.getattr((undefined(name='q') if l_1_q is missing else l_1_q), 'target'))):
            pass
            yield ' — objectif '
            yield escape(context.call((undefined(name='span') if l_0_span is missing else l_0_span), markup_join(((undefined(name='pre') if l_1_pre is missing else l_1_pre), 'qpv_share.target', )), 'pct0', environment.getattr((undefined(name='q') if l_1_q is missing else l_1_q), 'target'), _loop_vars=_loop_vars))
        yield '.</p>\n<p>Porteurs suivis sur la période : <strong>'
        yield escape(context.call((undefined(name='span') if l_0_span is missing else l_0_span), markup_join(((undefined(name='pre') if l_1_pre is missing else l_1_pre), 'porteurs.active', )), 'count', environment.getattr(environment.getattr((undefined(name='r') if l_1_r is missing else l_1_r), 'porteurs'), 'active'), _loop_vars=_loop_vars))
        yield '</strong>'
        if t_9(environment.getattr((undefined(name='r') if l_1_r is missing else l_1_r), 'publics')):
            pass
            yield ' ; accompagnés : <strong>'
            yield escape(context.call((undefined(name='span') if l_0_span is missing else l_0_span), markup_join(((undefined(name='pre') if l_1_pre is missing else l_1_pre), 'publics.counted', )), 'count', environment.getattr(environment.getattr((undefined(name='r') if l_1_r is missing else l_1_r), 'publics'), 'counted'), _loop_vars=_loop_vars))
            yield '</strong>'
        yield ' (comptes anonymes).</p>\n<div class="columns">\n<div>\n'
        if t_9(environment.getattr((undefined(name='r') if l_1_r is missing else l_1_r), 'path')):
            pass
            yield '<h3>Parcours</h3>\n<table class="figures compact">\n<thead><tr><th>Étape</th><th class="num">Au stade</th><th class="num">Atteinte</th></tr></thead>\n<tbody>'
            for (l_2_k, l_2_v) in context.call(environment.getattr(environment.getattr(environment.getattr((undefined(name='r') if l_1_r is missing else l_1_r), 'path'), 'by_stage'), 'items'), _loop_vars=_loop_vars):
                _loop_vars = {}
                pass
                yield '<tr><td>'
                yield escape(context.call((undefined(name='label_of') if l_0_label_of is missing else l_0_label_of), 'stages', l_2_k, environment.getattr(l_1_p, 'labels'), _loop_vars=_loop_vars))
                yield '</td>'
                yield escape(context.call((undefined(name='fig') if l_0_fig is missing else l_0_fig), markup_join(((undefined(name='pre') if l_1_pre is missing else l_1_pre), 'path.by_stage.', l_2_k, )), 'count', l_2_v, _loop_vars=_loop_vars))
                if (l_2_k in environment.getattr(environment.getattr((undefined(name='r') if l_1_r is missing else l_1_r), 'path'), 'reached')):
                    pass
                    yield escape(context.call((undefined(name='fig') if l_0_fig is missing else l_0_fig), markup_join(((undefined(name='pre') if l_1_pre is missing else l_1_pre), 'path.reached.', l_2_k, )), 'count', environment.getitem(environment.getattr(environment.getattr((undefined(name='r') if l_1_r is missing else l_1_r), 'path'), 'reached'), l_2_k), _loop_vars=_loop_vars))
                else:
                    pass
                    yield '<td class="num">—</td>'
                yield '</tr>'
            l_2_k = l_2_v = missing
            yield '</tbody>\n</table>\n'
            if t_9(environment.getattr(environment.getattr((undefined(name='r') if l_1_r is missing else l_1_r), 'path'), 'creations')):
                pass
                yield "<p>Créations d'entreprise : <strong>"
                yield escape(context.call((undefined(name='span') if l_0_span is missing else l_0_span), markup_join(((undefined(name='pre') if l_1_pre is missing else l_1_pre), 'path.creations.count', )), 'count', environment.getattr(environment.getattr(environment.getattr((undefined(name='r') if l_1_r is missing else l_1_r), 'path'), 'creations'), 'count'), _loop_vars=_loop_vars))
                yield '</strong></p>'
        else:
            pass
            yield '<h3>Étape atteinte</h3>\n<table class="figures compact"><tbody>'
            for (l_2_k, l_2_v) in context.call(environment.getattr(environment.getattr(environment.getattr((undefined(name='r') if l_1_r is missing else l_1_r), 'porteurs'), 'by_stage'), 'items'), _loop_vars=_loop_vars):
                _loop_vars = {}
                pass
                yield '<tr><td>'
                yield escape(context.call((undefined(name='label_of') if l_0_label_of is missing else l_0_label_of), 'stages', l_2_k, environment.getattr(l_1_p, 'labels'), _loop_vars=_loop_vars))
                yield '</td>'
                yield escape(context.call((undefined(name='fig') if l_0_fig is missing else l_0_fig), markup_join(((undefined(name='pre') if l_1_pre is missing else l_1_pre), 'porteurs.by_stage.', l_2_k, )), 'count', l_2_v, _loop_vars=_loop_vars))
                yield '</tr>'
            l_2_k = l_2_v = missing
            yield '</tbody></table>\n'
        yield '<h3>Publics</h3>\n'
        if t_9(environment.getattr((undefined(name='r') if l_1_r is missing else l_1_r), 'publics')):
            pass
            yield '<table class="figures compact"><tbody>\n'
            for (l_2_k, l_2_v) in context.call(environment.getattr(environment.getattr(environment.getattr((undefined(name='r') if l_1_r is missing else l_1_r), 'publics'), 'by_category'), 'items'), _loop_vars=_loop_vars):
                _loop_vars = {}
                pass
                yield '<tr><td>'
                yield escape(context.call((undefined(name='label_of') if l_0_label_of is missing else l_0_label_of), 'categories', l_2_k, environment.getattr(l_1_p, 'labels'), _loop_vars=_loop_vars))
                yield '</td>'
                yield escape(context.call((undefined(name='fig') if l_0_fig is missing else l_0_fig), markup_join(((undefined(name='pre') if l_1_pre is missing else l_1_pre), 'publics.by_category.', l_2_k, )), 'count', l_2_v, _loop_vars=_loop_vars))
                yield '</tr>'
            l_2_k = l_2_v = missing
            if t_9(environment.getattr(environment.getattr((undefined(name='r') if l_1_r is missing else l_1_r), 'publics'), 'from_qpv')):
                pass
                yield "<tr><td>Issus d'un QPV</td>"
                yield escape(context.call((undefined(name='fig') if l_0_fig is missing else l_0_fig), markup_join(((undefined(name='pre') if l_1_pre is missing else l_1_pre), 'publics.from_qpv', )), 'count', environment.getattr(environment.getattr((undefined(name='r') if l_1_r is missing else l_1_r), 'publics'), 'from_qpv'), _loop_vars=_loop_vars))
                yield '</tr>'
            if (not t_11(environment.getattr(environment.getattr((undefined(name='r') if l_1_r is missing else l_1_r), 'publics'), 'rqth'))):
                pass
                yield '<tr><td>RQTH (agrégé)</td>'
                yield escape(context.call((undefined(name='fig') if l_0_fig is missing else l_0_fig), markup_join(((undefined(name='pre') if l_1_pre is missing else l_1_pre), 'publics.rqth', )), 'count', environment.getattr(environment.getattr((undefined(name='r') if l_1_r is missing else l_1_r), 'publics'), 'rqth'), _loop_vars=_loop_vars))
                yield '</tr>'
            yield '</tbody></table>\n'
            if (t_11(environment.getattr(environment.getattr((undefined(name='r') if l_1_r is missing else l_1_r), 'publics'), 'rqth')) and environment.getattr(environment.getattr((undefined(name='r') if l_1_r is missing else l_1_r), 'publics'), 'rqth_rule')):
                pass
                yield '<p class="note">RQTH : '
                yield escape(environment.getattr(environment.getattr((undefined(name='r') if l_1_r is missing else l_1_r), 'publics'), 'rqth_rule'))
                yield '.</p>'
            if environment.getattr(environment.getattr((undefined(name='r') if l_1_r is missing else l_1_r), 'publics'), 'by_profile'):
                pass
                yield '<h3>Profil (triple cible)</h3>\n<table class="figures compact"><tbody>'
                for (l_2_k, l_2_v) in context.call(environment.getattr(environment.getattr(environment.getattr((undefined(name='r') if l_1_r is missing else l_1_r), 'publics'), 'by_profile'), 'items'), _loop_vars=_loop_vars):
                    _loop_vars = {}
                    pass
                    yield '<tr><td>'
                    yield escape(context.call((undefined(name='label_of') if l_0_label_of is missing else l_0_label_of), 'profiles', l_2_k, environment.getattr(l_1_p, 'labels'), _loop_vars=_loop_vars))
                    yield '</td>'
                    yield escape(context.call((undefined(name='fig') if l_0_fig is missing else l_0_fig), markup_join(((undefined(name='pre') if l_1_pre is missing else l_1_pre), 'publics.by_profile.', l_2_k, )), 'count', l_2_v, _loop_vars=_loop_vars))
                    yield '</tr>'
                l_2_k = l_2_v = missing
                yield '</tbody></table>\n'
        else:
            pass
            yield '<table class="figures compact"><tbody>'
            for (l_2_k, l_2_v) in context.call(environment.getattr(environment.getattr(environment.getattr((undefined(name='r') if l_1_r is missing else l_1_r), 'porteurs'), 'by_category'), 'items'), _loop_vars=_loop_vars):
                _loop_vars = {}
                pass
                yield '<tr><td>'
                yield escape(context.call((undefined(name='label_of') if l_0_label_of is missing else l_0_label_of), 'categories', l_2_k, environment.getattr(l_1_p, 'labels'), _loop_vars=_loop_vars))
                yield '</td>'
                yield escape(context.call((undefined(name='fig') if l_0_fig is missing else l_0_fig), markup_join(((undefined(name='pre') if l_1_pre is missing else l_1_pre), 'porteurs.by_category.', l_2_k, )), 'count', l_2_v, _loop_vars=_loop_vars))
                yield '</tr>'
            l_2_k = l_2_v = missing
            yield '</tbody></table>\n'
        yield '</div>\n<div>\n<h3>Orientations par partenaire</h3>\n'
        l_1_orient_key = ('orientations' if t_9(environment.getattr((undefined(name='r') if l_1_r is missing else l_1_r), 'orientations')) else 'porteurs.orientations')
        _loop_vars['orient_key'] = l_1_orient_key
        l_1_orient = (environment.getattr((undefined(name='r') if l_1_r is missing else l_1_r), 'orientations') if t_9(environment.getattr((undefined(name='r') if l_1_r is missing else l_1_r), 'orientations')) else environment.getattr(environment.getattr((undefined(name='r') if l_1_r is missing else l_1_r), 'porteurs'), 'orientations'))
        _loop_vars['orient'] = l_1_orient
        yield '<table class="figures compact"><tbody>'
        for (l_2_k, l_2_v) in context.call(environment.getattr((undefined(name='orient') if l_1_orient is missing else l_1_orient), 'items'), _loop_vars=_loop_vars):
            _loop_vars = {}
            pass
            yield '<tr><td>'
            yield escape(context.call((undefined(name='label_of') if l_0_label_of is missing else l_0_label_of), 'partners', l_2_k, environment.getattr(l_1_p, 'labels'), _loop_vars=_loop_vars))
            yield '</td>'
            yield escape(context.call((undefined(name='fig') if l_0_fig is missing else l_0_fig), markup_join(((undefined(name='pre') if l_1_pre is missing else l_1_pre), (undefined(name='orient_key') if l_1_orient_key is missing else l_1_orient_key), '.', l_2_k, )), 'count', l_2_v, _loop_vars=_loop_vars))
            yield '</tr>'
        l_2_k = l_2_v = missing
        yield '</tbody></table>\n'
        if t_9(environment.getattr((undefined(name='r') if l_1_r is missing else l_1_r), 'sorties')):
            pass
            yield '<h3>Sorties</h3>\n<table class="figures compact"><tbody>'
            for (l_2_k, l_2_v) in context.call(environment.getattr(environment.getattr((undefined(name='r') if l_1_r is missing else l_1_r), 'sorties'), 'items'), _loop_vars=_loop_vars):
                _loop_vars = {}
                pass
                yield '<tr><td>'
                yield escape(context.call((undefined(name='label_of') if l_0_label_of is missing else l_0_label_of), 'sorties', l_2_k, environment.getattr(l_1_p, 'labels'), _loop_vars=_loop_vars))
                yield '</td>'
                yield escape(context.call((undefined(name='fig') if l_0_fig is missing else l_0_fig), markup_join(((undefined(name='pre') if l_1_pre is missing else l_1_pre), 'sorties.', l_2_k, )), 'count', l_2_v, _loop_vars=_loop_vars))
                yield '</tr>'
            l_2_k = l_2_v = missing
            yield '</tbody></table>\n'
        yield '<h3>Résidence</h3>\n<table class="figures compact"><tbody>'
        for (l_2_k, l_2_v) in context.call(environment.getattr(environment.getattr(environment.getattr((undefined(name='r') if l_1_r is missing else l_1_r), 'porteurs'), 'by_qpv'), 'items'), _loop_vars=_loop_vars):
            _loop_vars = {}
            pass
            yield '<tr><td>'
            yield escape(context.call((undefined(name='label_of') if l_0_label_of is missing else l_0_label_of), 'qpvs', l_2_k, environment.getattr(l_1_p, 'labels'), _loop_vars=_loop_vars))
            yield '</td>'
            yield escape(context.call((undefined(name='fig') if l_0_fig is missing else l_0_fig), markup_join(((undefined(name='pre') if l_1_pre is missing else l_1_pre), 'porteurs.by_qpv.', l_2_k, )), 'count', l_2_v, _loop_vars=_loop_vars))
            yield '</tr>'
        l_2_k = l_2_v = missing
        yield '</tbody></table>\n</div>\n</div>\n'
        for l_2_key in ('creations',):
            _loop_vars = {}
            pass
            if (l_2_key in environment.getattr(l_1_p, 'generic')):
                pass
                yield '<h3>'
                yield escape(environment.getattr(environment.getitem(environment.getattr(l_1_p, 'generic'), l_2_key), 'title'))
                yield '</h3>'
                yield escape(context.call((undefined(name='generic') if l_0_generic is missing else l_0_generic), context.call((undefined(name='grouped') if l_1_grouped is missing else l_1_grouped), environment.getattr(environment.getitem(environment.getattr(l_1_p, 'generic'), l_2_key), 'value'), markup_join(((undefined(name='pre') if l_1_pre is missing else l_1_pre), l_2_key, )), _loop_vars=_loop_vars), environment.getattr(l_1_p, 'labels'), _loop_vars=_loop_vars))
        l_2_key = missing
        yield '</section>\n\n'
        if t_9(environment.getattr((undefined(name='r') if l_1_r is missing else l_1_r), 'money')):
            pass
            yield '<section class="page">\n<h2>Financement</h2>\n'
            if (t_10(environment.getattr((undefined(name='r') if l_1_r is missing else l_1_r), 'money')) or (not environment.getattr((undefined(name='r') if l_1_r is missing else l_1_r), 'money'))):
                pass
                yield escape(context.call((undefined(name='generic') if l_0_generic is missing else l_0_generic), context.call((undefined(name='grouped') if l_1_grouped is missing else l_1_grouped), environment.getattr((undefined(name='r') if l_1_r is missing else l_1_r), 'money'), markup_join(((undefined(name='pre') if l_1_pre is missing else l_1_pre), 'money', )), _loop_vars=_loop_vars), environment.getattr(l_1_p, 'labels'), _loop_vars=_loop_vars))
                yield '\n'
            else:
                pass
                l_2_loop = missing
                for l_2_m, l_2_loop in LoopContext(environment.getattr((undefined(name='r') if l_1_r is missing else l_1_r), 'money'), undefined):
                    l_2_MONEY_FIELDS = resolve('MONEY_FIELDS')
                    l_2_mp = missing
                    _loop_vars = {}
                    pass
                    l_2_mp = markup_join(((undefined(name='pre') if l_1_pre is missing else l_1_pre), 'money.', environment.getattr(l_2_loop, 'index0'), '.', ))
                    _loop_vars['mp'] = l_2_mp
                    yield '<h3>'
                    yield escape(context.call((undefined(name='label_of') if l_0_label_of is missing else l_0_label_of), 'conventions', environment.getattr(l_2_m, 'convention'), environment.getattr(l_1_p, 'labels'), _loop_vars=_loop_vars))
                    if environment.getattr(l_2_m, 'territory'):
                        pass
                        yield ' · '
                        yield escape(environment.getattr(l_2_m, 'territory'))
                    yield ' · '
                    yield escape(environment.getattr(l_2_m, 'year'))
                    if context.call(environment.getattr(l_2_m, 'get'), 'from', _loop_vars=_loop_vars):
                        pass
                        yield ' (du '
                        yield escape(t_1(environment.getattr(l_2_m, 'from')))
                        yield ' au '
                        yield escape(t_1(environment.getattr(l_2_m, 'to')))
                        yield ')'
                    yield '</h3>\n<table class="figures compact"><tbody>\n'
                    def t_17(fiter):
                        for (l_3_field, l_3_fmt) in fiter:
                            if (l_3_field in l_2_m):
                                yield (l_3_field, l_3_fmt)
                    for (l_3_field, l_3_fmt) in t_17((undefined(name='MONEY_FIELDS') if l_2_MONEY_FIELDS is missing else l_2_MONEY_FIELDS)):
                        l_3_field_label = resolve('field_label')
                        _loop_vars = {}
                        pass
                        yield '<tr><td>'
                        yield escape(context.call((undefined(name='field_label') if l_3_field_label is missing else l_3_field_label), l_3_field, _loop_vars=_loop_vars))
                        yield '</td>'
                        yield escape(context.call((undefined(name='fig') if l_0_fig is missing else l_0_fig), markup_join(((undefined(name='mp') if l_2_mp is missing else l_2_mp), l_3_field, )), l_3_fmt, environment.getitem(l_2_m, l_3_field), _loop_vars=_loop_vars))
                        yield '</tr>\n'
                    l_3_field = l_3_fmt = l_3_field_label = missing
                    yield '</tbody></table>\n'
                    for l_3_w in (context.call(environment.getattr(l_2_m, 'get'), 'warnings', _loop_vars=_loop_vars) or []):
                        _loop_vars = {}
                        pass
                        yield '<p class="warning">'
                        yield escape(l_3_w)
                        yield '</p>'
                    l_3_w = missing
                l_2_loop = l_2_m = l_2_mp = l_2_MONEY_FIELDS = missing
            yield '<p class="note">Coût horaire = coût ÷ heures allouées de l\'année ; valeur des heures = heures réalisées × coût horaire ; part Bpifrance = subvention ÷ coût (plafond du cahier des charges : 30 %).</p>\n</section>\n'
    l_1_loop = l_1_p = l_1_r = l_1_s = l_1_h = l_1_pre = l_1_dc = l_1_DAYS_LISTED = l_1_shares = l_1_grouped = l_1_q = l_1_qn = l_1_qd = l_1_qs = l_1_orient_key = l_1_orient = missing
    yield '\n<footer>\n<p>Établi le '
    yield escape(context.call(environment.getattr((undefined(name='generated') if l_0_generated is missing else l_0_generated), 'strftime'), '%d/%m/%Y'))
    yield " avec citeslab. Comptes anonymes : aucun nom de porteur n'apparaît dans ce document.\n"
    if (undefined(name='people') if l_0_people is missing else l_0_people):
        pass
        yield 'Dispositif CitésLab soutenu par '
        yield escape(t_2(context.eval_ctx, environment.getattr(environment.getattr(environment.getattr(environment.getitem((undefined(name='people') if l_0_people is missing else l_0_people), 0), 'source'), 'header'), 'funders'), ', '))
        yield '.'
    yield '</p>\n</footer>\n</body>\n</html>'

blocks = {}
debug_info = '7=85&9=92&16=99&17=113&19=125&20=137&22=147&23=157&25=162&26=169&27=172&29=182&31=211&32=217&39=258&40=261&41=265&42=269&45=274&46=276&49=280&50=282&53=288&55=296&56=300&57=304&58=317&60=323&63=330&64=335&67=338&69=347&70=351&71=361&72=378&73=385&74=391&80=396&81=402&86=410&87=416&88=418&89=420&90=422&93=425&95=427&96=433&97=435&98=443&99=451&100=473&104=475&107=483&108=486&115=498&116=500&117=502&118=504&120=510&121=513&122=515&123=518&127=521&128=525&132=533&138=541&140=544&142=548&143=552&144=555&148=572&149=577&153=583&156=586&160=593&173=605&174=609&175=612&179=621&183=627&189=631&190=635&191=638&192=657&193=664&194=669&198=675&199=680&201=683&205=690&206=694&207=697&218=717&219=719&220=721&221=723&222=726&223=728&224=737&227=745&231=748&233=764&236=772&239=783&241=786&242=795&243=800&245=806&246=811&248=814&251=827&256=838&257=840&258=843&259=853&261=856&264=867&267=877&268=880&272=888&275=891&276=893&278=898&279=903&280=906&282=921&285=936&294=947&295=949'