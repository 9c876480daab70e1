"""Training and evaluation, apart from what cleaning a page needs.

corpora (readers of the public labelled corpora) -> dumps (HTML rendered
to text) -> align (dump lines labelled by gold text) -> corpus (cached) ->
fit (grouped cross-validation, training, site adaptation) -> shipped (the
shipped model's build); evaluate and metrics score the result.
"""
